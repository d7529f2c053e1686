import HTTPServer

/// Counts and times every routed request by method, route pattern and the status answered.
/// Registered outside the error mapping, so a thrown error is counted as the problem status the
/// client received, not lost.
struct MetricsMiddleware: Middleware {
    let metrics: ServiceMetrics

    func respond(to request: Request, next: Router.Handler) async throws -> Response {
        let started = ContinuousClock.now
        let response = try await next(request)
        metrics.recordRequest(
            method: request.method.rawValue, route: request.route ?? request.path, status: response.status.code,
            duration: ContinuousClock.now - started)
        return response
    }
}
