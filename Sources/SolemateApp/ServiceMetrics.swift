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
        counters.withLock { counters in
            let key = Self.key(name, dimensions)
            if let counter = counters[key] { return counter }
            let counter = CoreMetrics.Counter(label: name, dimensions: dimensions, factory: factory)
            counters[key] = counter
            return counter
        }
    }

    private func timer(_ name: String, _ dimensions: [(String, String)]) -> CoreMetrics.Timer {
        timers.withLock { timers in
            let key = Self.key(name, dimensions)
            if let timer = timers[key] { return timer }
            let timer = CoreMetrics.Timer(label: name, dimensions: dimensions, factory: factory)
            timers[key] = timer
            return timer
        }
    }

    private func gauge(_ name: String, _ dimensions: [(String, String)]) -> CoreMetrics.Gauge {
        gauges.withLock { gauges in
            let key = Self.key(name, dimensions)
            if let gauge = gauges[key] { return gauge }
            let gauge = CoreMetrics.Gauge(label: name, dimensions: dimensions, factory: factory)
            gauges[key] = gauge
            return gauge
        }
    }
}
