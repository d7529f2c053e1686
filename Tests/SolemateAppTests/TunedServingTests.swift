import Testing

@Suite("Tuning at training time over HTTP: /admin/models says what was chosen, tuned serves by default")
struct TunedServingTests {
    @Test("with TUNING_BUDGET 1 and DEFAULT_MODEL tuned, the winner serves unnamed requests and every choice is listed")
    func tunedService() async throws {
        let schema = try await TestSchema.create()
        do {
            try await offCooperativePool { try ServiceHarness.importFixture(into: schema.url) }
            try await ServiceHarness.serving(databaseURL: schema.url, trained: true, configure: {
                $0.tuningBudget = 1
                $0.defaultModel = "tuned"
            }) { harness in
                let models = try await harness.client.get("/admin/models", headers: harness.adminHeaders).object()
                let item = try #require((models["items"] as? [[String: Any]])?.first)
                let tuning = try #require(item["tuning"] as? [String: Any])
                let choices = try #require(tuning["models"] as? [String: [String: Any]])
                let winner = try #require(tuning["winner"] as? String)
                #expect(choices[winner]?["eligible"] as? Bool == true)
                #expect(Set(choices.keys).isSuperset(of: ["ease", "ials", "svd", "hybrid", "rp3beta", "itemknn", "blend"]))
                #expect(choices.values.allSatisfy { ($0["fits"] as? Int) == 1 && $0["validation"] is [String: Any] })
                #expect((item["models"] as? [String])?.contains("tuned") == true)
                let list = try await harness.client.get("/users/42/recommendations?k=3").object()
                #expect(list["model"] as? String == "tuned" || list["cold_start"] as? Bool == true)
                let named = try await harness.client.get("/users/42/recommendations?k=3&model=rp3beta")
                #expect(named.status == 200)
            }
        } catch {
            await schema.drop()
            throw error
        }
        await schema.drop()
    }
}
