import SolemateApp
import Testing

@Suite("Configuration from the environment: defaults, overrides, and a clear stop on bad values")
struct AppConfigurationTests {
    @Test("with nothing set, the documented defaults apply")
    func defaults() throws {
        let configuration = try AppConfiguration.from(environment: [:])
        #expect(configuration.host == "127.0.0.1" && configuration.port == 8080)
        #expect(configuration.careIntervalDays == 30 && configuration.hybridAlpha == 0.7)
        #expect(configuration.adminToken == nil)
        #expect(configuration.corsOrigins.isEmpty, "no origin may call the API from a browser unless configured")
        #expect(configuration.demoDirectory == "web")
        #expect(configuration.exposureLogEnabled && configuration.exposureRetentionDays == 90)
        #expect(configuration.attributionViewHours == 24 && configuration.attributionPurchaseDays == 7)
        #expect(configuration.modelVersionsKept == 3)
        #expect(throws: AppConfiguration.Invalid.self) { try configuration.validated() }
    }

    @Test("every variable overrides its default")
    func overrides() throws {
        let configuration = try AppConfiguration.from(environment: [
            "HOST": "::1", "PORT": "9090", "DATABASE_URL": "postgres://x@127.0.0.1/db", "ADMIN_TOKEN": "0123456789abcdef",
            "CARE_INTERVAL_DAYS": "14", "HYBRID_ALPHA": "0.25", "SVD_FACTORS": "32", "DB_POOL_SIZE": "4",
            "DEMO_DIR": "/srv/solemate/web", "EXPOSURE_LOG": "off", "EXPOSURE_RETENTION_DAYS": "30",
            "ATTRIBUTION_VIEW_HOURS": "6", "ATTRIBUTION_PURCHASE_DAYS": "14", "MODEL_VERSIONS_KEPT": "5",
        ]).validated()
        #expect(configuration.host == "::1" && configuration.port == 9090)
        #expect(configuration.careIntervalDays == 14 && configuration.hybridAlpha == 0.25)
        #expect(configuration.svdFactors == 32 && configuration.databasePoolSize == 4)
        #expect(configuration.adminToken == "0123456789abcdef")
        #expect(configuration.demoDirectory == "/srv/solemate/web")
        #expect(!configuration.exposureLogEnabled && configuration.exposureRetentionDays == 30)
        #expect(configuration.attributionViewHours == 6 && configuration.attributionPurchaseDays == 14)
        #expect(configuration.modelVersionsKept == 5)
    }

    @Test("tuning is off unless TUNING_BUDGET is set; DEFAULT_MODEL names a served model, a tuned one only with tuning")
    func tuningAndDefaultModel() throws {
        let plain = try AppConfiguration.from(environment: [:])
        #expect(plain.tuningBudget == 0 && plain.defaultModel == "hybrid")
        let tuned = try AppConfiguration.from(environment: ["TUNING_BUDGET": "4", "TUNING_SEED": "9", "DEFAULT_MODEL": "tuned"])
        #expect(tuned.tuningBudget == 4 && tuned.tuningSeed == 9 && tuned.defaultModel == "tuned")
        #expect(try AppConfiguration.from(environment: ["DEFAULT_MODEL": "ease"]).defaultModel == "ease")
        #expect(throws: AppConfiguration.Invalid.self) { try AppConfiguration.from(environment: ["DEFAULT_MODEL": "tuned"]) }
        #expect(throws: AppConfiguration.Invalid.self) { try AppConfiguration.from(environment: ["DEFAULT_MODEL": "nope"]) }
        #expect(throws: AppConfiguration.Invalid.self) { try AppConfiguration.from(environment: ["TUNING_BUDGET": "-1"]) }
    }

    @Test("CORS_ORIGINS is a comma-separated list of origins, or *")
    func corsOrigins() throws {
        let listed = try AppConfiguration.from(environment: ["CORS_ORIGINS": " https://shop.example, http://localhost:3000 ,"])
        #expect(listed.corsOrigins == ["https://shop.example", "http://localhost:3000"])
        #expect(try AppConfiguration.from(environment: ["CORS_ORIGINS": "*"]).corsOrigins == ["*"])
    }

    @Test(arguments: [
        ("PORT", "eighty"), ("PORT", "70000"), ("CARE_INTERVAL_DAYS", "0"), ("HYBRID_ALPHA", "1.5"),
        ("HYBRID_ALPHA", "half"), ("SVD_FACTORS", "-3"), ("DB_POOL_SIZE", "1000"), ("ADMIN_TOKEN", "short"),
        ("CORS_ORIGINS", "shop.example"), ("CORS_ORIGINS", "https://shop.example/path"), ("CORS_ORIGINS", "ftp://files.example"),
        ("EXPOSURE_LOG", "maybe"), ("EXPOSURE_RETENTION_DAYS", "0"), ("ATTRIBUTION_VIEW_HOURS", "0"),
        ("ATTRIBUTION_PURCHASE_DAYS", "365"), ("MODEL_VERSIONS_KEPT", "0"),
    ])
    func badValueNamesItsVariable(name: String, value: String) {
        let error = #expect(throws: AppConfiguration.Invalid.self) {
            try AppConfiguration.from(environment: [name: value])
        }
        #expect(error?.description.contains(name) == true)
    }
}

@Suite("Configuration of training and the live histories")
struct TrainingConfigurationTests {
    @Test("by default a training reads every event undecayed, and histories keep 5,000 events a user")
    func defaults() throws {
        let configuration = try AppConfiguration.from(environment: [:])
        #expect(configuration.trainingWindowDays == nil && configuration.trainingDecayHalfLifeDays == nil)
        #expect(configuration.userHistoryEvents == 5_000)
        #expect(configuration.trainerConfiguration.windowDays == nil)
    }

    @Test("TRAINING_WINDOW_DAYS, TRAINING_DECAY_HALF_LIFE_DAYS and USER_HISTORY_EVENTS reach the trainer and the histories")
    func overrides() throws {
        let configuration = try AppConfiguration.from(environment: [
            "TRAINING_WINDOW_DAYS": "90", "TRAINING_DECAY_HALF_LIFE_DAYS": "30.5", "USER_HISTORY_EVENTS": "200",
        ])
        #expect(configuration.trainerConfiguration.windowDays == 90)
        #expect(configuration.trainerConfiguration.decayHalfLifeDays == 30.5)
        #expect(configuration.userHistoryEvents == 200)
    }

    @Test(arguments: [
        ("TRAINING_WINDOW_DAYS", "0"), ("TRAINING_WINDOW_DAYS", "all"), ("TRAINING_DECAY_HALF_LIFE_DAYS", "0"),
        ("TRAINING_DECAY_HALF_LIFE_DAYS", "-1"), ("TRAINING_DECAY_HALF_LIFE_DAYS", "inf"), ("USER_HISTORY_EVENTS", "0"),
    ])
    func badValueNamesItsVariable(name: String, value: String) {
        let error = #expect(throws: AppConfiguration.Invalid.self) {
            try AppConfiguration.from(environment: [name: value])
        }
        #expect(error?.description.contains(name) == true)
    }
}
