import Foundation
import WeftGraph
import WeftIO

/// Outlook's CSV export of a mail folder (File → Open & Export → Import/Export → Export to a file
/// → Comma Separated Values): columns `Subject`, `Body`, `From: (Name)`, `From: (Address)`,
/// `From: (Type)`, `To: (Name)`, `To: (Address)`, `To: (Type)`, `CC: (Name)`, `CC: (Address)`,
/// `CC: (Type)`, `BCC: …`, `Billing Information`, `Categories`, `Importance`, `Mileage`,
/// `Sensitivity`. Several recipients are `;`-separated, names and addresses in the same order.
/// An Exchange sender or recipient (`Type` EX) has an X.500 path (`/O=EXCHANGELABS/OU=…/CN=…`)
/// for address: the name is used instead, and resolves by name.
///
/// The export carries no date, so the records take `date` (`--date`, e.g. the export's day);
/// a file with a `Date`, `Sent` or `Received` column (some add-ins and later exports add one)
/// is read with it, its layout worked out as every Weft date is. The rule is mbox's (`Mailbox`);
/// Subject and Body are parsed past by the CSV reader and never kept.
enum OutlookMailCSV {
    static func isOutlookCSV(_ head: [String]) -> Bool {
        head.first.map { $0.lowercased().contains("from: (name)") || $0.lowercased().contains("from: (address)") } ?? false
    }

    static func read(path: String, weight: EmailWeight, date: Int64?, sink: ((Contact) -> Void)? = nil) throws -> InteractionExtraction {
        var x = InteractionExtraction(path: path, sink: sink)
        let header = try InputSource.open(path: path).header.map(ExportText.normalisedHeader)
        func find(_ names: String...) -> Int? { header.firstIndex { names.contains($0) } }
        guard let fromName = find("from: (name)"), let fromAddress = find("from: (address)") else {
            throw ImportError("\(path): not an Outlook CSV mail export: needs From: (Name) and From: (Address)")
        }
        let to = (find("to: (name)"), find("to: (address)")), cc = (find("cc: (name)"), find("cc: (address)"))
        let dateColumn = find("date", "sent", "received", "sent on", "received on", "date sent", "date received")
        var dates: ExportDates?
        if let d = dateColumn {
            var samples: [DateDetection.Sample] = []
            try InputSource.open(path: path).forEachRecord { r in
                if d < r.fieldCount, samples.count < 2000 { samples.append(.init(text: r.displayString(d), line: r.line)) }
            }
            dates = try ExportDates(samples: samples, field: header[d], path: path, given: nil)
            x.account.layout.append("Outlook CSV export, dates from column \(header[d]) as \(dates!.format)")
        } else {
            guard date != nil else {
                throw ImportError("\(path): Outlook's CSV export carries no dates: give the day its records take with --date YYYY-MM-DD, or export the folder as mbox")
            }
            x.account.layout.append("Outlook CSV export, no date column: every record dated \(Timestamp.formatDate(date!)) (--date)")
        }
        try InputSource.open(path: path).forEachRecord { (record: borrowing CSVRecord) in
            x.account.rowsRead += 1
            if let problem = record.problem { x.reject(line: record.line, column: problem.column, problem.description); return }
            func text(_ i: Int?) -> String { i.map { $0 < record.fieldCount ? record.displayString($0) : "" } ?? "" }
            let time: Int64
            if let d = dateColumn {
                guard let t = dates?.seconds(text(d)) else {
                    x.reject(line: record.line, column: d + 1, field: header[d], value: text(d), "not a date in the layout \(dates!.format)")
                    return
                }
                time = t
            } else {
                time = date!
            }
            guard let from = people(names: text(fromName), addresses: text(fromAddress)).first else {
                x.reject(line: record.line, column: fromName + 1, field: "From: (Name)", "no sender")
                return
            }
            if let reason = EmailHeaders.notAPerson(from.email) { x.skip("sent by a " + reason); return }
            x.accept()
            let recipients = people(names: text(to.0), addresses: text(to.1)) + people(names: text(cc.0), addresses: text(cc.1))
            EmailHeaders.contacts(from: from, recipients: recipients, time: time, weight: weight, listAddress: nil,
                                  firstSeen: "\(path):\(record.line)", into: &x)
        }
        return x
    }

    /// The people of a `;`-separated name list and its address list, position by position; an
    /// address without `@` (an Exchange X.500 path) is dropped and the name kept.
    static func people(names: String, addresses: String) -> [EmailHeaders.Address] {
        let n = names.split(separator: ";").map { $0.trimmedSpace }
        let a = addresses.split(separator: ";").map { $0.trimmedSpace }
        return (0..<max(n.count, a.count)).compactMap { i in
            let name = i < n.count ? EmailHeaders.displayName(n[i]) : ""
            let address = i < a.count && a[i].contains("@") && !a[i].hasPrefix("/") ? a[i].lowercased() : ""
            return name.isEmpty && address.isEmpty ? nil : EmailHeaders.Address(name: name, email: address)
        }
    }
}
