import CoreMetrics
import Foundation
import Prometheus
import Synchronization

/// The service's metrics, in the Prometheus text format at `/metrics`.
///
/// Recorded through swift-metrics' API with a swift-prometheus factory of this instance's own (no
/// process-wide bootstrap, so two services in one test process keep separate figures). Handles
/// are cached: a swift-metrics handle that goes away unregisters its series.
public final class ServiceMetrics: Sendable {
    let registry = PrometheusCollectorRegistry()
    private let factory: PrometheusMetricsFactory
    private let counters = Mutex<[String: CoreMetrics.Counter]>([:])
    private let timers = Mutex<[String: CoreMetrics.Timer]>([:])
    private let gauges = Mutex<[String: CoreMetrics.Gauge]>([:])

    public init() {
        var factory = PrometheusMetricsFactory(registry: registry)
        factory.defaultDurationHistogramBuckets = [
            .microseconds(250), .microseconds(500), .milliseconds(1), .milliseconds(2), .milliseconds(5),
            .milliseconds(10), .milliseconds(25), .milliseconds(50), .milliseconds(100), .milliseconds(250),
            .milliseconds(500), .seconds(1), .seconds(5),
        ]
        self.factory = factory
    }

    /// One request answered: counted and timed per route pattern (never the raw path, which would
    /// make a series per user) and status.
    public func recordRequest(method: String, route: String, status: Int, duration: Duration) {
        let dimensions = [("method", method), ("route", route), ("status", String(status))]
        counter("solemate_http_requests_total", dimensions).increment()
        timer("solemate_http_request_duration_seconds", dimensions).recordNanoseconds(
            duration.components.seconds * 1_000_000_000 + duration.components.attoseconds / 1_000_000_000)
    }

    public func interactionsIngested(_ count: Int) {
        counter("solemate_interactions_ingested_total", []).increment(by: count)
    }

    /// Served lists written to the exposure log.
    public func exposuresWritten(_ count: Int) {
        counter("solemate_exposures_written_total", []).increment(by: count)
    }

    /// Served lists the exposure log dropped (queue full, or PostgreSQL away): never a wait in serving.
    public func exposuresDropped(_ count: Int) {
        counter("solemate_exposures_dropped_total", []).increment(by: count)
    }

    public func trainingFinished(version: String, seconds: Double, succeeded: Bool) {
        counter("solemate_trainings_total", [("outcome", succeeded ? "success" : "failure")]).increment()
        guard succeeded else { return }
        gauge("solemate_model_training_seconds", []).record(seconds)
        gauge("solemate_model_trained_timestamp_seconds", []).record(Date().timeIntervalSince1970)
        // The version as a label on a constant 1, the usual way to export a string.
        gauges.withLock { gauges in
            for (key, gauge) in gauges where key.hasPrefix("solemate_model_info") { gauge.record(0) }
        }
        gauge("solemate_model_info", [("version", version)]).record(1)
    }

    /// Figures sampled when /metrics is scraped.
    public func sample(poolInUse: Int, poolOpen: Int, modelLoaded: Bool) {
        gauge("solemate_db_pool_connections_in_use", []).record(poolInUse)
        gauge("solemate_db_pool_connections_open", []).record(poolOpen)
        gauge("solemate_model_loaded", []).record(modelLoaded ? 1 : 0)
    }

    /// The Prometheus text exposition of everything recorded.
    public func exposition() -> [UInt8] {
        var buffer: [UInt8] = []
        registry.emit(into: &buffer)
        return buffer
    }

    private static func key(_ name: String, _ dimensions: [(String, String)]) -> String {
        ([name] + dimensions.map { "\($0.0)=\($0.1)" }).joined(separator: "|")
    }

    private func counter(_ name: String, _ dimensions: [(String, String)]) -> CoreMetrics.Counter {
        cached(counters, name, dimensions) { CoreMetrics.Counter(label: name, dimensions: dimensions, factory: factory) }
    }

    private func timer(_ name: String, _ dimensions: [(String, String)]) -> CoreMetrics.Timer {
        cached(timers, name, dimensions) { CoreMetrics.Timer(label: name, dimensions: dimensions, factory: factory) }
    }

    private func gauge(_ name: String, _ dimensions: [(String, String)]) -> CoreMetrics.Gauge {
        cached(gauges, name, dimensions) { CoreMetrics.Gauge(label: name, dimensions: dimensions, factory: factory) }
    }

    /// The handle for a series, made on first use and kept.
    private func cached<Handle>(
        _ store: borrowing Mutex<[String: Handle]>, _ name: String, _ dimensions: [(String, String)], make: () -> Handle
    ) -> Handle {
        store.withLock { handles in
            let key = Self.key(name, dimensions)
            if let handle = handles[key] { return handle }
            let handle = make()
            handles[key] = handle
            return handle
        }
    }
}
