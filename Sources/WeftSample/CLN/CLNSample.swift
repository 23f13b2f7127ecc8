import WeftGraph
import WeftIO

/// Builds the realistic CLN sample (population → calendar → interactions → survey) and writes
/// `members.csv`, `attendance.csv`, `interactions.csv`, `survey.csv` and `respondents.csv`.
struct CLNSample {
    let seed: UInt64

    static let memberHeader = ["id", "name", "email", "country", "organisation", "role", "cohort", "joined", "left", "governance"]
    static let interactionHeader = ["source", "target", "timestamp", "type", "weight"]
    static let attendanceHeader = ["member", "event", "date", "role", "topic", "event_type"]
    static let surveyHeader = ["respondent", "alter", "relation", "value", "wave"]
    static let respondentsHeader = ["respondent", "wave", "wave_date"]

    func write(to folder: String, progress: ((Double) -> Void)?) throws -> SampleSummary {
        let population = CLNPopulation(seed: seed)
        progress?(0.1)
        let calendar = CLNCalendar(population: population, seed: seed)
        progress?(0.3)
        let interactions = CLNInteractions(population: population, calendar: calendar, seed: seed)
        progress?(0.6)
        let survey = CLNSurvey(population: population, calendar: calendar, interactions: interactions, seed: seed)
        progress?(0.7)

        let members = population.members
        var text = TimestampText(firstDay: Day.of(2021, 1, 1), lastDay: Day.of(2025, 12, 31))

        let memberTable = try CSVTableWriter(path: folder + "/members.csv", header: CLNSample.memberHeader)
        for m in members {
            try memberTable.writeRow([
                .text(m.id), .text(m.name), .text(m.email), .text(sampleCountries[m.country].name),
                .text(m.organisation), .plain(m.role), .plain("Cohort \(m.cohort + 1)"),
                .plain(text.date(day: m.joined)), m.left.map { .plain(text.date(day: $0)) } ?? .empty,
                .plain(m.governance ? "yes" : "no"),
            ])
        }
        try memberTable.commit()
        progress?(0.75)

        let attendanceTable = try CSVTableWriter(path: folder + "/attendance.csv", header: CLNSample.attendanceHeader)
        var attendanceRows = 0
        for event in calendar.events {
            let date = text.date(day: event.day)
            for p in event.participants {
                try attendanceTable.writeRow([
                    .text(members[p.member].id), .text(event.id), .plain(date), .plain(p.role.label),
                    .plain(sampleTopics[event.topic]), .plain(event.type.label),
                ])
                attendanceRows += 1
            }
        }
        try attendanceTable.commit()
        progress?(0.8)

        let interactionTable = try CSVTableWriter(path: folder + "/interactions.csv", header: CLNSample.interactionHeader)
        for r in interactions.records {
            try interactionTable.writeRow([
                .text(members[Int(r.source)].id), .text(members[Int(r.target)].id), .plain(text.dateTime(r.time)),
                .plain(r.type.label), .real(r.weight),
            ])
        }
        try interactionTable.commit()
        progress?(0.9)

        let surveyTable = try CSVTableWriter(path: folder + "/survey.csv", header: CLNSample.surveyHeader)
        for a in survey.answers {
            try surveyTable.writeRow([
                .text(members[a.respondent].id), .text(members[a.alter].id), .plain(a.relation.label),
                .integer(a.value), .plain(CLNSurvey.waves[a.wave].label),
            ])
        }
        try surveyTable.commit()

        // Who answered each wave and the day it opened: the response rate's numerator, and
        // (through members' joined and left) its denominator.
        let respondentsTable = try CSVTableWriter(path: folder + "/respondents.csv", header: CLNSample.respondentsHeader)
        for (wave, design) in CLNSurvey.waves.enumerated() {
            let opened = text.date(day: design.day)
            for i in survey.respondents[wave] {
                try respondentsTable.writeRow([.text(members[i].id), .plain(design.label), .plain(opened)])
            }
        }
        try respondentsTable.commit()
        progress?(1)

        return SampleSummary(members: members.count, interactions: interactions.records.count,
                             attendance: attendanceRows, surveyAnswers: survey.answers.count,
                             files: ["members.csv", "attendance.csv", "interactions.csv", "survey.csv", "respondents.csv"])
    }
}
