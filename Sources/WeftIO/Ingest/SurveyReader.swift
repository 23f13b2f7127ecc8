import WeftGraph

/// ONA survey nominations in Weft's long form, columnar: who named whom, for which relation, in
/// which wave, with what value. Relations and waves are interned codes; members are the
/// dataset's member indices. Waves are ordered by date when every label is an ISO 8601 date,
/// otherwise in order of first appearance (`baseline` before `follow-up` as the file has them).
public struct SurveyLog: Sendable {
    public internal(set) var respondent: [Int32] = []
    public internal(set) var alter: [Int32] = []
    public internal(set) var relation: [UInt16] = []
    public internal(set) var wave: [UInt16] = []
    public internal(set) var value: [Double] = []
    public internal(set) var relations = IdentifierRegistry()
    public internal(set) var waves = IdentifierRegistry()
    /// Respondents named by a respondents list, per wave code (absent for a wave the list does
    /// not cover). Respondents who named nobody are known only from such a list.
    public internal(set) var listedRespondents: [UInt16: Set<Int32>] = [:]
    /// The day each wave opened (UTC seconds), per wave code, from the respondents list's
    /// `wave_date` column; absent for a wave the list gives no date for.
    public internal(set) var waveDates: [UInt16: Int64] = [:]

    public init() {}

    public var count: Int { respondent.count }

    /// The members who answered wave `w`: from the respondents list when it covers the wave,
    /// otherwise every member with at least one nomination in the wave.
    public func respondents(wave w: UInt16) -> Set<Int32> {
        if let listed = listedRespondents[w] { return listed }
        var found = Set<Int32>()
        for k in 0..<count where wave[k] == w { found.insert(respondent[k]) }
        return found
    }

    /// Whether wave `w`'s respondents come from a respondents list.
    public func hasList(wave w: UInt16) -> Bool { listedRespondents[w] != nil }

    /// The code of a wave label, interning it; nil when the log already holds `UInt16.max` waves.
    mutating func waveCode(_ label: String) -> UInt16? {
        if let known = waves.index(of: label) { return UInt16(known) }
        guard waves.count < Int(UInt16.max) else { return nil }
        return UInt16(waves.intern(label).index)
    }

    /// The code of a relation label, interning it; nil when the log already holds `UInt16.max` relations.
    mutating func relationCode(_ label: String) -> UInt16? {
        if let known = relations.index(of: label) { return UInt16(known) }
        guard relations.count < Int(UInt16.max) else { return nil }
        return UInt16(relations.intern(label).index)
    }

    /// Reorders wave codes by date when every wave has one: its label, when an ISO 8601 date,
    /// else the respondents list's `wave_date`. Otherwise waves keep the order they first appear
    /// in. (Dated waves then keep their order however the rows are sorted.)
    mutating func orderWavesByDate() {
        let labels = waves.identifiers
        var dates: [Int64] = []
        for (code, label) in labels.enumerated() {
            if case .success(let v) = ISO8601.parse(label) {
                dates.append(v.seconds)
            } else if let listed = waveDates[UInt16(code)] {
                dates.append(listed)
            } else {
                return
            }
        }
        let order = labels.indices.sorted { dates[$0] < dates[$1] }
        guard order != Array(labels.indices) else { return }
        var newCode = [UInt16](repeating: 0, count: labels.count)
        for (position, old) in order.enumerated() { newCode[old] = UInt16(position) }
        waves = IdentifierRegistry(order.map { labels[$0] })
        wave = wave.map { newCode[Int($0)] }
        var relisted: [UInt16: Set<Int32>] = [:]
        for (w, set) in listedRespondents { relisted[newCode[Int(w)]] = set }
        listedRespondents = relisted
        var redated: [UInt16: Int64] = [:]
        for (w, day) in waveDates { redated[newCode[Int(w)]] = day }
        waveDates = redated
    }
}

/// Reads survey.csv (long form: `respondent`, `alter`, `relation`, optional `value` and `wave`)
/// into the dataset's survey log. Members are interned through the member registry (an unknown
/// id follows the unknown-member policy, as in interactions). A value is a number or a scale
/// label (`LikertScale.standard`); blank is 1; 0 is an answer of "no tie", accepted and not
/// stored. A row without a wave belongs to wave `1`.
struct SurveyReader {
    let reading: ReadingOptions
    let limits: InputLimits
    /// Whether the file must have a wave column (one of several survey files).
    var needsWaveColumn = false

    func read(path: String, into dataset: inout Dataset, references: inout MemberReferences) throws {
        try readSurveyFile(path: path, schema: .survey, reading: reading, limits: limits, needsWaveColumn: needsWaveColumn, into: &dataset, references: &references) { positions, references, members, log in
            SurveyIngest(respondent: positions["respondent"]!, alter: positions["alter"]!, relation: positions["relation"]!,
                         value: positions["value"], wave: WaveColumn(position: positions["wave"]),
                         references: references, members: members, log: log)
        }
    }
}

/// What the two survey readers share: the member table and survey log they fill, and the wave column.
protocol SurveyRowIngest: RowIngest {
    var members: MemberTable { get }
    var log: SurveyLog { get }
    var references: MemberReferences { get }
    var wave: WaveColumn { get set }
    /// Whether numbers use a decimal comma (`1,5`).
    var decimalComma: Bool { get set }
}

/// A survey file's wave column: labels (`baseline`, `2`), or dates read like every date and
/// kept as ISO 8601 text, so that waves written `15/03/2024` order by date as `2024-03-15` does.
/// A row without a wave belongs to wave `1`. A respondents list may also date each wave in a
/// `wave_date` column (the day the wave opened), read like every date.
struct WaveColumn {
    let position: Int?
    /// Set when the column holds dates.
    var date: DateColumn?
    /// The `wave_date` column, when the file has one.
    var opened: DateColumn?

    mutating func label(_ record: borrowing CSVRecord, _ context: RowContext) throws(Reject) -> String {
        if date != nil {
            let text = try date!.isoText(record, context)
            return text.isEmpty ? "1" : text
        }
        return try optionalText(record, position, context, fallback: "1")
    }

    /// The day the row's wave opened, from the `wave_date` column; nil when there is none or the cell is blank.
    mutating func openingDay(_ record: borrowing CSVRecord, _ context: RowContext) throws(Reject) -> Int64? {
        guard opened != nil, !record.isBlank(opened!.position) else { return nil }
        return try opened!.instant(record, context).seconds
    }
}

/// Reads one survey file (nominations or respondents) into the dataset, row by row.
private func readSurveyFile<Ingest: SurveyRowIngest>(path: String, schema: ColumnSchema, reading: ReadingOptions, limits: InputLimits, needsWaveColumn: Bool,
                                                     into dataset: inout Dataset, references: inout MemberReferences,
                                                     make: ([String: Int], MemberReferences, MemberTable, SurveyLog) -> Ingest) throws {
    let reader = try InputSource.open(path: path, options: reading)
    let (positions, extra) = try schema.resolve(header: reader.header, file: reader.label, line: reader.headerLine, mapping: reading.columnMap)
    if needsWaveColumn && positions["wave"] == nil {
        throw InputError(file: reader.label, line: reader.headerLine, column: nil,
                         message: "several \(schema.kind.rawValue) files were given, and this one has no wave column: each must say its wave (weft survey import --wave writes one), or its rows would all join wave 1")
    }
    var ingest = make(positions, references, dataset.members, dataset.survey)
    let waveColumns: [(name: String, position: Int, fallback: DateColumns.Fallback)] =
        [positions["wave"].map { (reader.header[$0], $0, .labels) }, positions["wave_date"].map { (reader.header[$0], $0, .iso8601) }].compactMap { $0 }
    let waveDates = try DateColumns.resolve(waveColumns, kind: schema.kind, path: path, label: reader.label, headerLine: reader.headerLine, options: reading)
    for case let column? in waveDates.columns {
        if column.position == positions["wave"] { ingest.wave.date = column } else { ingest.wave.opened = column }
    }
    ingest.decimalComma = reading.usesDecimalComma(delimiter: reader.layout.delimiter)
    dataset.members = MemberTable()
    var rejects: [Reject] = []
    let summary = try ingestRows(from: reader, kind: schema.kind, extra: extra, limits: limits, dates: waveDates.readings,
                                 into: &ingest, rejects: &rejects)
    dataset.members = ingest.members
    dataset.survey = ingest.log
    references = ingest.references
    dataset.rejects.append(contentsOf: rejects)
    dataset.files.append(summary)
}

/// The text of an optional column (trimmed), `fallback` when the column is absent or the cell blank.
private func optionalText(_ record: borrowing CSVRecord, _ column: Int?, _ context: RowContext, fallback: String) throws(Reject) -> String {
    guard let column else { return fallback }
    guard let text = record.trimmedString(column) else { throw context.reject(record, column: column, "text is not valid UTF-8") }
    return text.isEmpty ? fallback : text
}

struct SurveyIngest: SurveyRowIngest {
    let respondent: Int, alter: Int, relation: Int
    let value: Int?
    var wave: WaveColumn
    var decimalComma = false
    var references: MemberReferences
    var members: MemberTable
    var log: SurveyLog

    mutating func ingest(_ record: borrowing CSVRecord, _ context: RowContext) throws(Reject) {
        if record.isBlank(relation) { throw context.reject(record, column: relation, "relation is empty") }
        guard let relationText = record.trimmedString(relation) else { throw context.reject(record, column: relation, "text is not valid UTF-8") }
        let waveText = try wave.label(record, context)
        var number = 1.0
        let valueText = try optionalText(record, value, context, fallback: "")
        if !valueText.isEmpty {
            guard let v = LikertScale.standard.value(of: valueText) ?? LocalisedNumber.parse(valueText, decimalComma: decimalComma) else {
                throw context.reject(record, column: value, "'\(valueText)' is neither a number nor a known scale label")
            }
            guard v >= 0 else { throw context.reject(record, column: value, "a negative tie value") }
            try context.checkWeight(v, record, column: value, what: "value")
            number = v
        }
        let who = try references.resolve(record, column: respondent, role: "survey respondent", in: members, context: context)
        let whom = try references.resolve(record, column: alter, role: "survey alter", in: members, context: context)
        if case .known(let a) = who, case .known(let b) = whom, a == b {
            throw context.reject(record, column: alter, "a member names themself")
        }
        if case .new(let a) = who, case .new(let b) = whom, a == b {
            throw context.reject(record, column: alter, "a member names themself")
        }
        guard let w = log.waveCode(waveText) else { throw context.reject(record, column: wave.position, "more than \(UInt16.max) distinct waves") }
        guard let code = log.relationCode(relationText) else { throw context.reject(record, column: relation, "more than \(UInt16.max) distinct relations") }
        let r = members.commit(who), t = members.commit(whom)
        guard number > 0 else { return }   // "no tie": counted as accepted, nothing stored
        log.respondent.append(r)
        log.alter.append(t)
        log.relation.append(code)
        log.wave.append(w)
        log.value.append(number)
    }
}

/// Reads a respondents list (`respondent`, optional `wave` and `wave_date`): who answered each
/// wave, including those who named nobody. It sets the response rate's numerator for the waves it
/// covers; `wave_date` (the ISO 8601 day the wave opened, the same on every row of a wave) sets
/// who was a member at the wave, through members.csv's `joined` and `left`.
struct RespondentsReader {
    let reading: ReadingOptions
    let limits: InputLimits
    /// Whether the file must have a wave column (one of several survey files).
    var needsWaveColumn = false

    func read(path: String, into dataset: inout Dataset, references: inout MemberReferences) throws {
        try readSurveyFile(path: path, schema: .respondents, reading: reading, limits: limits, needsWaveColumn: needsWaveColumn, into: &dataset, references: &references) { positions, references, members, log in
            RespondentsIngest(respondent: positions["respondent"]!, wave: WaveColumn(position: positions["wave"]),
                              references: references, members: members, log: log)
        }
    }
}

struct RespondentsIngest: SurveyRowIngest {
    let respondent: Int
    var wave: WaveColumn
    var decimalComma = false
    var references: MemberReferences
    var members: MemberTable
    var log: SurveyLog

    mutating func ingest(_ record: borrowing CSVRecord, _ context: RowContext) throws(Reject) {
        let waveText = try wave.label(record, context)
        let who = try references.resolve(record, column: respondent, role: "respondents respondent", in: members, context: context)
        guard let w = log.waveCode(waveText) else { throw context.reject(record, column: wave.position, "more than \(UInt16.max) distinct waves") }
        if let day = try wave.openingDay(record, context) {
            if let known = log.waveDates[w], known != day {
                throw context.reject(record, column: wave.opened?.position, "wave '\(waveText)' has another date on an earlier row")
            }
            log.waveDates[w] = day
        }
        log.listedRespondents[w, default: []].insert(members.commit(who))
    }
}
