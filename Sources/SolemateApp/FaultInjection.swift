import Foundation

/// Faults a running service can be told to suffer, for the reliability campaign
/// (scripts/reliability.sh) only: never set in production. Kept out of `AppConfiguration` on
/// purpose, so that no deployment setting can turn one on by accident.
public enum FaultInjection {
    /// `SOLEMATE_FAULT_TRAINING_FILE` (test only): while the file it names exists, every training
    /// fails after fitting, just before it would publish, so the campaign can show that the served
    /// version stays and `/admin/models` says why. Unset: no fault.
    public static let trainingFileVariable = "SOLEMATE_FAULT_TRAINING_FILE"

    /// `SOLEMATE_FAULT_EXPORT_HOLD_FILE` (test only): while the file it names exists, `solemate
    /// export` waits after each chunk it has written, so a test can kill it mid-run at a moment it
    /// chose rather than hoping the export is still running. Unset: no fault.
    public static let exportHoldFileVariable = "SOLEMATE_FAULT_EXPORT_HOLD_FILE"

    /// Waits while the hold file of `environment` exists (polled every 20 ms); returns at once
    /// when the variable is unset.
    public static func holdExport(environment: [String: String]) {
        guard let path = environment[exportHoldFileVariable], !path.isEmpty else { return }
        while FileManager.default.fileExists(atPath: path) { usleep(20_000) }
    }

    /// The failure a fault injection throws; its text is what `/admin/models` reports.
    public struct InjectedFailure: Error, CustomStringConvertible {
        public let description: String
    }

    /// The training hooks `environment` asks for: `.none` unless the variable is set.
    public static func trainingHooks(from environment: [String: String]) -> TrainingHooks {
        guard let path = environment[trainingFileVariable], !path.isEmpty else { return .none }
        return TrainingHooks(beforePublish: {
            if FileManager.default.fileExists(atPath: path) {
                throw InjectedFailure(description: "injected failure before publishing (\(trainingFileVariable) exists)")
            }
        })
    }
}
