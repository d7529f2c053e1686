import HTTPServer

extension SolemateService {
    /// Care and replacement routes (wired in the next step, once their services land).
    func addNotificationRoutes(_ router: inout Router) {}
}
