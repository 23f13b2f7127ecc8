import XCTest
@testable import WeftImport
import WeftIO

/// Mailboxes (Fixtures/make_fixtures.py: a Gmail Takeout mbox, an Outlook CSV export) to
/// interactions, one record per recipient.
final class EmailImportTests: XCTestCase {
    let mbox = "email/All mail Including Spam and Trash.mbox"

    func testMboxHeadersOnly() throws {
        let o = try ImportFixtures.interactions(.email, [mbox], roster: ImportFixtures.roster())
        XCTAssertEqual(try ImportFixtures.csv(o.rows), """
            source,target,timestamp,weight,type
            m01,m02,2024-03-14T09:15:02Z,0.3333333333333333,email
            m01,m03,2024-03-14T09:15:02Z,0.3333333333333333,email
            m01,m04,2024-03-14T09:15:02Z,0.3333333333333333,email
            m02,m01,2024-03-14T11:00:00Z,1,email
            m00,m05,2024-03-15T09:00:00Z,0.5,email

            """)
        XCTAssertEqual(ImportFixtures.counts(o.accounts), [[7, 6, 1]])
        XCTAssertTrue(o.accounts.allSatisfy(\.isBalanced))
        XCTAssertEqual(o.accounts[0].skipped, ["sent by a mailing-list address": 1, "sent by a no-reply address": 1])
        XCTAssertEqual(o.dropped, ["message with no recipient but the sender": 1, "recipient: mailing-list address": 1])
        XCTAssertEqual(o.rejects.map { "\($0.line) \($0.reason)" }, ["54 no Date header in RFC 5322's layout (Thu, 14 Mar 2024 09:15:02 +0100)"])
        XCTAssertEqual(o.people.matches.map { "\($0.text) \($0.match.method.rawValue)" }, ["Raman, Priya name"])
    }

    func testFullWeightAndWithoutRoster() throws {
        let o = try ImportFixtures.interactions(.email, [mbox], roster: nil) { $0.emailWeight = .full }
        XCTAssertEqual(Set(o.rows.map(\.weight)), [1])
        XCTAssertEqual(o.people.newMembers.map(\.id), ["ana.silva@cln.example", "kwame@cln.example", "priya.raman@gmail.example", "jose@cln.example",
                                                "host@cln.example", "fatima@cln.example"])
    }

    func testOutlookCSVNeedsADayAndReadsExchangeNames() throws {
        XCTAssertThrowsError(try ImportFixtures.interactions(.email, ["email/outlook-inbox.csv"], roster: nil)) { error in
            XCTAssertTrue("\(error)".contains("Outlook's CSV export carries no dates"), "\(error)")
        }
        let o = try ImportFixtures.interactions(.email, ["email/outlook-inbox.csv"], roster: ImportFixtures.roster()) {
            $0.defaultDate = try? ISO8601.parse("2024-03-20").get().seconds
        }
        XCTAssertEqual(try ImportFixtures.csv(o.rows), """
            source,target,timestamp,weight,type
            m00,m01,2024-03-20T00:00:00Z,0.3333333333333333,email
            m00,m02,2024-03-20T00:00:00Z,0.3333333333333333,email
            m00,m03,2024-03-20T00:00:00Z,0.3333333333333333,email
            m02,m00,2024-03-20T00:00:00Z,1,email

            """)
        XCTAssertEqual(ImportFixtures.counts(o.accounts), [[4, 3, 1]])
        XCTAssertEqual(o.rejects.map { "\($0.line) \($0.reason)" }, ["7 broken quote: a quoted field is never closed"])
    }

    func testHeaderPieces() {
        XCTAssertEqual(EmailHeaders.addresses("\"Raman, Priya\" <P@x.org>, b@y.org (Bo), team: c@z.org;, undisclosed-recipients:;"),
                       [.init(name: "Raman, Priya", email: "p@x.org"), .init(name: "Bo", email: "b@y.org"), .init(name: "", email: "c@z.org")])
        XCTAssertEqual(EmailHeaders.decodeWords("=?UTF-8?Q?Jos=C3=A9?= =?utf-8?B?w4FsdmFyZXo=?="), "JoséÁlvarez")
        XCTAssertEqual(EmailHeaders.date("Thu, 14 Mar 2024 10:15:02 +0100"), 1_710_407_702)
        XCTAssertEqual(EmailHeaders.date("14 Mar 24 09:15 GMT"), 1_710_407_700)
        XCTAssertNil(EmailHeaders.date("Thu, 31 Feb 2024 10:15:02 +0100"))
        // Years no calendar day has: not dates (FuzzEmail found the first overflowing the day count).
        XCTAssertNil(EmailHeaders.date("Fri, 15 Mar 2024930123456 09:00:00 +0000"))
        XCTAssertNil(EmailHeaders.date("15 Mar -99999999999999999 09:00 GMT"))
        XCTAssertNil(EmailHeaders.date("15 Mar 10000 09:00 GMT"))
        XCTAssertEqual(EmailHeaders.date("31 Dec 9999 23:59:59 GMT"), 253_402_300_799)
        XCTAssertEqual(EmailHeaders.notAPerson("No-Reply@zoom.us"), "no-reply address")
        XCTAssertEqual(EmailHeaders.notAPerson("cln@googlegroups.com"), "mailing-list address")
        XCTAssertNil(EmailHeaders.notAPerson("ana.silva@cln.example"))
    }

    /// The byte-level reading of address lists agrees with the definitions: Unicode white space
    /// (a no-break space, an ideographic space) trimmed at the ends, spaces in plain names
    /// collapsed, non-ASCII addresses lower-cased as text, quoted and encoded names decoded.
    func testAddressListsOnBytes() {
        XCTAssertEqual(EmailHeaders.addresses("\u{A0}Ana   Silva\t<ANA@X.org>\u{3000}, \u{A0}JOSÉ@Ü.example ,(Bo) , b@y.ORG\u{2003}(Bo  Li)"),
                       [.init(name: "Ana Silva", email: "ana@x.org"), .init(name: "", email: "josé@ü.example"),
                        .init(name: "Bo", email: ""), .init(name: "Bo Li", email: "b@y.org")])
        XCTAssertEqual(EmailHeaders.addresses("=?UTF-8?Q?Jos=C3=A9?= <j@x.org>; 'Bo Li' <bo@x.org>; \"A \\\"B\\\"\" <ab@x.org>"),
                       [.init(name: "José", email: "j@x.org"), .init(name: "Bo Li", email: "bo@x.org"), .init(name: "A \"B\"", email: "ab@x.org")])
        XCTAssertEqual(EmailHeaders.addresses(" \u{A0} , ;"), [])
        XCTAssertEqual(EmailHeaders.notAPerson("Mailer-Daemon@X.org"), "no-reply address")
        XCTAssertEqual(EmailHeaders.notAPerson("cln-L@x.org"), "mailing-list address")
        XCTAssertEqual(EmailHeaders.notAPerson("ana@x.org", listAddress: "ana@x.org"), "mailing-list address")
        XCTAssertNil(EmailHeaders.notAPerson("notifications.team@x.org"))
    }

    func testAnotherFormatIsNamed() {
        XCTAssertThrowsError(try ImportFixtures.interactions(.email, ["whatsapp/WhatsApp Chat with CLN peer exchange.txt"], roster: nil)) { error in
            XCTAssertTrue("\(error)".contains("looks like a WhatsApp chat export, not a mailbox"), "\(error)")
        }
        XCTAssertThrowsError(try ImportFixtures.interactions(.whatsapp, [mbox], roster: nil)) { error in
            XCTAssertTrue("\(error)".contains("looks like an mbox mailbox, not a WhatsApp chat export"), "\(error)")
        }
    }
}
