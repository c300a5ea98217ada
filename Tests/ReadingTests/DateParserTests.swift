@testable import ArtExportCore
import Testing

@Suite struct DateParserTests {
    @Test(arguments: [
        ("2024-07-08 10:30", "2024-07-08T10:30:00Z"),
        ("2024-07-08", "2024-07-08"),
        ("2024-07", "2024-07"),
        ("2024", "2024"),
        ("2023-11-02T08:15:00Z", "2023-11-02T08:15:00Z"),
        ("2023-11-02T08:15:00+02:00", "2023-11-02T06:15:00Z"),
        ("2023-11-02T00:15:00+0100", "2023-11-01T23:15:00Z"),
        ("2023-11-02T08:15:00.250Z", "2023-11-02T08:15:00Z"),
        ("2024/07/08", "2024-07-08"),
        ("08.07.2024", "2024-07-08"),
        ("July 8, 2024", "2024-07-08"),
        ("8 July 2024", "2024-07-08"),
        ("8. Juli 2024", "2024-07-08"),
        ("1er juillet 2024", "2024-07-01"),
        ("2024-02-29", "2024-02-29"),
    ])
    func parses(_ written: String, _ w3cdtf: String) throws {
        let date = try #require(DateParser.parse(written))
        #expect(date.w3cdtf == w3cdtf)
        #expect(date.written == written)
    }

    @Test(arguments: ["yesterday", "2024-13-01", "2023-02-29", "2024-07-08 25:00", "07/08/2024", "2024-07-08T10:30 PST", ""])
    func rejects(_ written: String) {
        #expect(DateParser.parse(written) == nil)
    }

    @Test func timestampsAreUTCWhateverTheZone() {
        let d = DateParser.parse("2024-07-08T01:00:00+02:00")!
        #expect(d.utcTimestamp == "2024-07-07T23:00:00Z")
        #expect(UTCTime(secondsSinceEpoch: 0).iso8601 == "1970-01-01T00:00:00Z")
        #expect(UTCTime(secondsSinceEpoch: 1_700_000_000).iso8601 == "2023-11-14T22:13:20Z")
        #expect(UTCTime(secondsSinceEpoch: -1).iso8601 == "1969-12-31T23:59:59Z")
    }
}
