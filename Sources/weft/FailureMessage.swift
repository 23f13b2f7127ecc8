import WeftGraph
import ArgumentParser
import Foundation
import LinearAlgebra
import WeftIO

/// The message `weft` prints for an error that ends a run: Weft's own words, naming the file
/// (and line, where there is one) and what to do. A system error is shown only after Weft's
/// account of what it was doing, never alone.
enum FailureMessage {
    static func text(for error: Error) -> String {
        switch error {
        case let failure as CommandFailure: return failure.message
        case let error as InputError: return "error: \(error)"
        case let error as SurveyError: return "error: \(error)"
        case let error as OutputError: return "error: \(error)"
        case let error as CocoaError:
            let path = error.filePath ?? error.url?.path
            let reason = (error.underlying as? POSIXError).map { String(cString: strerror($0.code.rawValue)) } ?? error.localizedDescription
            if let path { return "error: cannot read or write \(path): \(reason); check the path and its permissions" }
            return "error: a file operation failed: \(reason); check the paths given and their permissions"
        case let error as EncodingError:
            return "error: an output value cannot be written as JSON (\(encodingDetail(error))); please report this with the command that caused it"
        case let error as LinearAlgebraError:
            return "error: a matrix computation failed: \(error); please report this with the command and data that caused it"
        default:
            return "error: \(String(describing: error)); please report this with the command that caused it"
        }
    }

    static func encodingDetail(_ error: EncodingError) -> String {
        guard case let .invalidValue(value, context) = error else { return "\(error)" }
        let path = context.codingPath.map { $0.intValue.map(String.init) ?? $0.stringValue }.joined(separator: ".")
        return "\(value) at \(path.isEmpty ? "the top level" : path)"
    }
}

extension CocoaError {
    /// The POSIX error beneath a file operation's error, if it names one.
    var underlying: Error? { (self as NSError).userInfo[NSUnderlyingErrorKey] as? Error }
}
