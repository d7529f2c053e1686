/// Points inside a training where a caller may step in: fault injection for the reliability
/// campaign, and gates that let a test act while a training is provably still running (instead
/// of hoping that a fixed amount of work outlasts the test's own requests on a loaded machine).
public struct TrainingHooks: Sendable {
    /// Runs on the training's own thread after the models are fitted and before they are
    /// published; it may block. A throw fails the training: the served version stays, and the
    /// error is what /ready and /admin/models report.
    public var beforePublish: @Sendable () throws -> Void

    public init(beforePublish: @escaping @Sendable () throws -> Void = {}) {
        self.beforePublish = beforePublish
    }

    /// No hooks: what a production service runs with.
    public static let none = TrainingHooks()
}
