import XCTest
@testable import WeftImport
import WeftIO

/// WhatsApp chat exports (Fixtures/make_fixtures.py: Android .txt and .zip, iOS .zip) to
/// interactions by the mention and reply-window rule.
final class WhatsAppImportTests: XCTestCase {
    let android = "whatsapp/WhatsApp Chat with CLN peer exchange.txt"

    func testAndroidChatWithPhonesMatchedThroughTheRoster() throws {
        let o = try ImportFixtures.interactions(.whatsapp, [android], roster: ImportFixtures.roster("members-phones.csv"))
        XCTAssertEqual(try ImportFixtures.csv(o.rows), """
            source,target,timestamp,weight,type
            m01,m00,2024-03-14T09:20:00,1,chat
            m02,m01,2024-03-14T09:31:00,1,chat
            m00,m01,2024-03-14T10:50:00,1,chat

            """)
        let a = o.accounts[0]
        XCTAssertEqual([a.rowsRead, a.accepted, a.rejected], [17, 16, 1])
        XCTAssertTrue(a.isBalanced)
        XCTAssertEqual(a.layout, ["Android layout, dates read as DD/MM/YYYY, HH:mm", "3 continuation line(s) of multi-line messages"])
        XCTAssertEqual(a.skipped, ["deleted message": 1, "media omitted": 1, "system line: added": 1, "system line: changed the subject": 1,
                                   "system line: created the group": 1, "system line: encryption notice": 1, "system line: joined": 1, "system line: left": 1])
        XCTAssertEqual(o.rejects.map(\.message), [ImportFixtures.folder + "/" + android + ":16: not a date-time in the layout DD/MM/YYYY, HH:mm [column date = \"31/02/2024, 11:05\"]"])
        XCTAssertEqual(o.byRule, ["mention": 3, "reply-window": 2])
        XCTAssertEqual(o.dropped, ["message answering no one (first, same sender, or outside the reply window)": 4])
        XCTAssertEqual([o.people.matchedByPhone, o.unresolved, o.people.seen], [1, 2, 5])
        XCTAssertEqual(o.people.matches.map { "\($0.text) \($0.match.method.rawValue)" }, ["+447700900999 unmatched", "Priya R review"])
    }

    func testZippedExportsOfBothPhonesWithoutRoster() throws {
        let o = try ImportFixtures.interactions(.whatsapp, ["whatsapp/WhatsApp Chat - CLN peer exchange iOS.zip"], roster: nil)
        XCTAssertEqual(try ImportFixtures.csv(o.rows), """
            source,target,timestamp,weight,type
            Ana Silva,Host Team,2024-03-14T09:20:10,1,chat
            233241234567,Ana Silva,2024-03-14T09:31:00,1,chat
            Ana Silva,Host Team,2024-03-14T13:08:00,1,chat

            """)
        XCTAssertEqual(o.accounts[0].layout, ["iOS layout, dates read as MM/DD/YY, hh:mm:ss A"])
        XCTAssertEqual(o.accounts[0].skipped, ["media omitted": 2, "system line": 2])
        XCTAssertEqual(o.people.newMembers.map(\.id), ["Ana Silva", "Host Team", "233241234567"])
        // The zipped Android export reads as its .txt.
        let zipped = try ImportFixtures.interactions(.whatsapp, ["whatsapp/WhatsApp Chat - CLN peer exchange.zip"], roster: nil)
        let plain = try ImportFixtures.interactions(.whatsapp, [android], roster: nil)
        XCTAssertEqual(zipped.rows, plain.rows)
        XCTAssertEqual(zipped.rows.count, 5)
    }

    func testReplyWindowAndDateFormat() throws {
        let wide = try ImportFixtures.interactions(.whatsapp, [android], roster: nil) { $0.replyWindowMinutes = 60 }
        XCTAssertEqual(wide.byRule["reply-window"], 3)   // Ana's "Sure!" 59 minutes after Kwame
        // Named month-first, the day-first dates above 12 are rejected with their lines.
        let wrong = try ImportFixtures.interactions(.whatsapp, [android], roster: nil) { $0.dateFormat = try? DateFormat("MM/DD/YYYY, HH:mm") }
        XCTAssertEqual(wrong.accounts[0].rejected, 17)
        let named = try ImportFixtures.interactions(.whatsapp, [android], roster: nil) { $0.dateFormat = try? DateFormat("DD/MM/YYYY, HH:mm") }
        XCTAssertEqual(named.rows.count, 5)
    }

    func testHeadsOfBothLayouts() {
        let a = WhatsAppChat.head("14/03/2024, 09:15 - Ana: hi")
        XCTAssertEqual(a?.stamp, "14/03/2024, 09:15")
        XCTAssertEqual(a.map { String($0.rest) }, "Ana: hi")
        XCTAssertEqual(WhatsAppChat.head("\u{200E}[3/14/24, 9:15:02\u{202F}PM] Ana: hi")?.stamp, "3/14/24, 9:15:02 PM")
        XCTAssertEqual(WhatsAppChat.head("14.03.24, 09:15 - Ana: hi")?.stamp, "14.03.24, 09:15")
        XCTAssertNil(WhatsAppChat.head("see you at 14/03, 09:15 - ok"))
        XCTAssertNil(WhatsAppChat.head("2024-03-14 09:15"))
        // A delimiter carrying a combining mark is another Character, not the delimiter.
        XCTAssertNil(WhatsAppChat.head("14/03/2024, 09:15 -\u{301} Ana: hi"))
        XCTAssertNil(WhatsAppChat.head("[14/03/2024, 09:15:02]\u{20DD} Ana: hi"))
        XCTAssertEqual(WhatsAppChat.head("14/03/2024, 09:15 PM\u{301} - Ana: hi")?.stamp, nil)
        XCTAssertEqual(WhatsAppChat.head("\u{FEFF}\u{200F}14/03/2024, 9:15\u{00A0}p. m. - Ana: hi")?.stamp, "14/03/2024, 9:15 PM")
    }

    /// A line's sender, system phrase and mentions, read on bytes, are what the String reading gave:
    /// ASCII texts on bytes, others by Characters.
    func testMessagesReadOnBytes() {
        func parts(_ line: String) -> (sender: String, reason: String?, mentions: [String])? {
            var line = line
            return line.withUTF8 { bytes in
                guard let h = WhatsAppChat.head(bytes), let m = WhatsAppChat.message(bytes, h) else { return nil }
                var people = Speakers()
                let index = MentionIndex(["Ana Silva", "Ana", "José Álvarez", "+44 7700 900123"])
                return (m.sender, WhatsAppChat.systemReason(bytes, textStart: m.textStart, iOS: h.iOS),
                        index.mentioned(in: bytes, from: m.textStart, people: &people).map(\.key))
            }
        }
        XCTAssertEqual(parts("14/03/2024, 09:15 - Ana Silva:\u{301} x: @ana silvA and @ANA, @4477009001234 @Ana Silva")?.sender, "Ana Silva:\u{301} x")
        let ascii = parts("14/03/2024, 09:15 -  Host  : @ana silvA and @ANA, @ 4477009001234 @Ana Silva")
        XCTAssertEqual(ascii?.sender, "Host")
        XCTAssertEqual(ascii?.mentions, ["name:ana silva", "name:ana", "phone:4477009001234"])
        let accented = parts("14/03/2024, 09:15 - \u{202A}+44 7700 900123\u{202C}: @josé álvarez @Ana\u{301} @Ana")
        XCTAssertEqual(accented?.sender, "+44 7700 900123")
        XCTAssertEqual(accented?.mentions, ["name:" + PersonName.key("José Álvarez"), "name:ana"])
        XCTAssertEqual(parts("14/03/2024, 09:15 - Ana:  <MEDIA omitted> ")?.reason, "media omitted")
        XCTAssertEqual(parts("14/03/2024, 09:15 - Ana: this message was DELETED")?.reason, "deleted message")
        XCTAssertEqual(parts("14/03/2024, 09:15 - Ana: Missed video call")?.reason, "missed call")
        XCTAssertEqual(parts("14/03/2024, 09:15 - Ana: \u{200E}image omitted")?.reason, "media omitted")
        XCTAssertEqual(parts("14/03/2024, 09:15 - Ana: missed voice cal\u{301}l")?.reason, nil)
        XCTAssertNil(parts("14/03/2024, 09:15 - Ana:\u{301}"))
    }
}
