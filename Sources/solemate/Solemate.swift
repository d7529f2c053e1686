import ArgumentParser

@main
struct Solemate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Solemate: shoe recommendations, care notifications and replacement suggestions."
    )
}
