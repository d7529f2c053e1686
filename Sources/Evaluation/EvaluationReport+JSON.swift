import JSON

extension EvaluationReport {
    /// The report as JSON with the key names of PROTOCOL.md section 5 (`hr@10`, `p2_hits`, ...),
    /// keys in the reference's order. With protocol 1 only, the protocol-2 keys are absent, and
    /// the other way round; `dataset` always holds protocol 1's counts.
    public func json() -> String {
        var top: [(String, JSONValue)] = [
            ("protocol", .string("reference-v1")),
            ("protocols", .array(protocols.map { .integer($0.rawValue) })),
            ("k", .integer(k)),
            ("dataset", .object([
                ("n_users", .integer(dataset.userCount)),
                ("n_items", .integer(dataset.itemCount)),
                ("n_events", .integer(dataset.eventCount)),
                ("n_train_pairs", .integer(dataset.trainingPairCount)),
                ("n_test_users", .integer(dataset.testUserCount)),
                ("train_weight_sum", .number(dataset.trainingWeightSum)),
                ("sha256", .object(dataset.fileDigests.sorted { $0.key < $1.key }.map { ($0.key, .string($0.value)) })),
            ])),
        ]
        if let sessions {
            top.append(("protocol2", .object([
                ("cut_ns", .integer(Int(sessions.cut))),
                ("cut_iso", .string(sessions.cutISO)),
                ("cut_percentile", .integer(sessions.cutPercentile)),
                ("session_gap_s", .integer(sessions.sessionGapSeconds)),
                ("n_sessions", .integer(sessions.sessionCount)),
                ("n_train_events", .integer(sessions.trainingEventCount)),
                ("n_train_users", .integer(sessions.trainingUserCount)),
                ("n_train_pairs", .integer(sessions.trainingPairCount)),
                ("n_excluded_pairs", .integer(sessions.excludedPairCount)),
                ("train_weight_sum", .number(sessions.trainingWeightSum)),
                ("n_test_sessions", .integer(sessions.testSessionCount)),
                ("n_test_users", .integer(sessions.testUserCount)),
                ("n_test_events", .integer(sessions.testEventCount)),
                ("n_after_cut_events", .integer(sessions.afterCutEventCount)),
                ("n_after_cut_events_in_sessions_started_before", .integer(sessions.afterCutEventsInSessionsStartedBefore)),
                ("n_after_cut_events_of_users_without_training", .integer(sessions.afterCutEventsOfUsersWithoutTraining)),
            ])))
        }
        top.append(("versions", .object([("swift", .string(Self.swiftVersion)), ("evaluation", .string("solemate"))])))
        top.append(("results", .array(results.map(modelJSON))))
        return JSONValue.object(top).rendered() + "\n"
    }

    private func modelJSON(_ result: ModelResult) -> JSONValue {
        var members: [(String, JSONValue)] = [("model", .string(result.model))]
        if let p1 = result.leaveLastOut {
            members += [
                ("hr@\(k)", .number(p1.hitRate)), ("ndcg@\(k)", .number(p1.ndcg)), ("coverage@\(k)", .number(p1.coverage)),
                ("train_s", .number(p1.trainSeconds)), ("score_s", .number(p1.scoreSeconds)),
                ("hr@\(k)_ci95", .array([.number(p1.hitRateInterval.low), .number(p1.hitRateInterval.high)])),
                ("ndcg@\(k)_ci95", .array([.number(p1.ndcgInterval.low), .number(p1.ndcgInterval.high)])),
            ]
            if let tuned = result.tunedLeaveLastOut { members.append(("tuned", .string(tuned))) }
            members += Self.detailsJSON(p1.details, prefix: "")
        }
        if let p2 = result.sessions {
            members += [
                ("accuracy@\(k)", .number(p2.accuracy)), ("p2_hits", .integer(p2.hits)),
                ("p2_train_s", .number(p2.trainSeconds)), ("p2_score_s", .number(p2.scoreSeconds)),
                ("accuracy@\(k)_ci95", .array([.number(p2.accuracyInterval.low), .number(p2.accuracyInterval.high)])),
            ]
            if let tuned = result.tunedSessions { members.append(("p2_tuned", .string(tuned))) }
            members += Self.detailsJSON(p2.details, prefix: "p2_")
        }
        return .object(members)
    }

    /// `imdb_m`, `imdb_C`, `cluster_sizes` where the model has them.
    private static func detailsJSON(_ details: ModelDetails, prefix: String) -> [(String, JSONValue)] {
        var members: [(String, JSONValue)] = []
        if let m = details.imdbM { members.append((prefix + "imdb_m", .number(m))) }
        if let c = details.imdbC { members.append((prefix + "imdb_C", .number(c))) }
        if let sizes = details.clusterSizes { members.append((prefix + "cluster_sizes", .array(sizes.map { .integer($0) }))) }
        return members
    }

    private static var swiftVersion: String {
        #if swift(>=6.3)
        "6.3"
        #elseif swift(>=6.2)
        "6.2"
        #else
        "6.x"
        #endif
    }
}
