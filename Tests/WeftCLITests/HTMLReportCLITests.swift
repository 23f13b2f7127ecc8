import Foundation
import Testing

/// Headless Chromium (Debian's `chromium` package), if installed.
enum Chromium {
    static let path: String? = {
        let folders = (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin").split(separator: ":").map(String.init)
        for name in ["chromium", "chromium-browser", "google-chrome", "google-chrome-stable"] {
            for folder in folders where FileManager.default.isExecutableFile(atPath: folder + "/" + name) { return folder + "/" + name }
        }
        return nil
    }()

    /// Renders `page` to a PNG of the given size; returns Chromium's log (stderr), where the page's
    /// console messages, script errors included, appear as `CONSOLE` lines.
    static func screenshot(_ page: URL, to png: URL, width: Int = 1100, height: Int = 3000) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path!)
        process.arguments = ["--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--no-first-run",
                             "--enable-logging=stderr", "--v=0", "--user-data-dir=" + png.deletingLastPathComponent().appendingPathComponent("profile").path,
                             "--window-size=\(width),\(height)", "--screenshot=" + png.path, page.absoluteString]
        let err = Pipe()
        process.standardError = err
        process.standardOutput = Pipe()
        try process.run()
        let log = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: log, as: UTF8.self)
    }
}

@Suite(.serialized) struct HTMLReportCLITests {
    let sampleData = WeftRun.repository.appendingPathComponent("SampleData").path

    @Test func analyzeWritesTheReportAndSaysWhereToOpenIt() throws {
        let out = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: out) }
        let run = try WeftRun(["analyze", sampleData, "--out", out.path])
        #expect(run.status == 0, "\(run.stderr)")
        let html = try String(contentsOf: out.appendingPathComponent("report.html"), encoding: .utf8)
        #expect(html.hasPrefix("<!DOCTYPE html>") && html.hasSuffix("</html>\n"))
        #expect(run.stdout.contains("open \(out.appendingPathComponent("report.html").standardizedFileURL.path) in a web browser"))
        // Same data, same bytes.
        let again = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: again) }
        _ = try WeftRun(["analyze", sampleData, "--out", again.path])
        #expect(try String(contentsOf: again.appendingPathComponent("report.html"), encoding: .utf8) == html)
        #expect(html.contains("sized by connections (distinct contacts)"))
        // --map-size picks the measure that sizes the dots.
        let sized = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: sized) }
        #expect(try WeftRun(["analyze", sampleData, "--out", sized.path, "--map-size", "betweenness"]).status == 0)
        #expect(try String(contentsOf: sized.appendingPathComponent("report.html"), encoding: .utf8).contains("sized by betweenness (normalised)"))
        #expect(try WeftRun(["analyze", sampleData, "--out", sized.path, "--map-size", "shoe-size"]).status == 2)
    }

    @Test func formatHTMLWritesOnlyTheReport() throws {
        let out = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: out) }
        let run = try WeftRun(["analyze", sampleData, "--out", out.path, "--format", "html"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: out.path) == ["report.html"])
        let json = try WeftRun(["analyze", sampleData, "--out", out.path, "--format", "json"])
        #expect(!json.stdout.contains("report.html"))
    }

    @Test func titleAndLogoAreTheTeams() throws {
        let out = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: out) }
        let logo = out.appendingPathComponent("logo.svg"), notALogo = out.appendingPathComponent("logo.txt")
        try "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"10\" height=\"10\"><rect width=\"10\" height=\"10\"/></svg>".write(to: logo, atomically: true, encoding: .utf8)
        try "hello".write(to: notALogo, atomically: true, encoding: .utf8)
        let report = out.appendingPathComponent("report")
        let run = try WeftRun(["analyze", sampleData, "--out", report.path, "--format", "html", "--title", "Red Alpha: 2024", "--logo", logo.path])
        #expect(run.status == 0, "\(run.stderr)")
        let html = try String(contentsOf: report.appendingPathComponent("report.html"), encoding: .utf8)
        #expect(html.contains("<h1>Red Alpha: 2024</h1>") && html.contains("<img class=\"logo\" src=\"data:image/svg+xml;base64,"))
        // A file that is no image stops the run before any analysis, naming the file.
        let bad = try WeftRun(["analyze", sampleData, "--out", out.appendingPathComponent("bad").path, "--logo", notALogo.path])
        #expect(bad.status != 0)
        #expect(bad.stderr.contains(notALogo.path) && bad.stderr.contains("neither a PNG"), "\(bad.stderr)")
        #expect(!FileManager.default.fileExists(atPath: out.appendingPathComponent("bad").path + "/report.html"))
    }

    /// Renders SampleData's report as a reader's browser would: fails when the page logs a script
    /// error or any other console message (a blocked request, say), or when the screenshot is
    /// hardly bigger than one of an empty page of the same size (a blank render).
    @Test(.enabled(if: Chromium.path != nil, "no browser installed (apt-get install chromium) — render check skipped"))
    func sampleReportRendersInChromium() throws {
        let out = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: out) }
        let run = try WeftRun(["analyze", sampleData, "--out", out.path])
        #expect(run.status == 0, "\(run.stderr)")
        let blankPage = out.appendingPathComponent("blank.html")
        try "<!DOCTYPE html><html><body></body></html>".write(to: blankPage, atomically: true, encoding: .utf8)
        let reportPNG = out.appendingPathComponent("report.png"), blankPNG = out.appendingPathComponent("blank.png")
        let log = try Chromium.screenshot(out.appendingPathComponent("report.html"), to: reportPNG)
        _ = try Chromium.screenshot(blankPage, to: blankPNG)
        let console = log.split(separator: "\n").filter { $0.contains(":CONSOLE") }
        #expect(console.isEmpty, "console messages: \(console)")
        let size = { (url: URL) -> Int in ((try? FileManager.default.attributesOfItem(atPath: url.path)[.size]) as? Int) ?? 0 }
        #expect(size(blankPNG) > 0, "Chromium wrote no screenshot: \(log.suffix(2000))")
        #expect(size(reportPNG) > 8 * size(blankPNG), "report \(size(reportPNG)) bytes vs blank \(size(blankPNG))")
    }
}
