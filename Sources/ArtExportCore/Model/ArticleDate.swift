/// A publication date: kept as written, and parsed to the precision the source gave.
package struct ArticleDate: Sendable, Equatable {
    /// The text exactly as the source wrote it.
    package var written: String
    package var year: Int
    package var month: Int?
    package var day: Int?
    package var hour: Int?
    package var minute: Int?
    package var second: Int?
    /// Offset from UTC in minutes; nil when the source gave a time without a zone
    /// (read as UTC, so the same file gives the same output anywhere).
    package var utcOffsetMinutes: Int?

    package init(
        written: String, year: Int, month: Int? = nil, day: Int? = nil, hour: Int? = nil,
        minute: Int? = nil, second: Int? = nil, utcOffsetMinutes: Int? = nil
    ) {
        self.written = written
        self.year = year
        self.month = month
        self.day = day
        self.hour = hour
        self.minute = minute
        self.second = second
        self.utcOffsetMinutes = utcOffsetMinutes
    }

    /// W3CDTF (the profile of ISO 8601 that EPUB's dc:date expects), at the
    /// source's precision; a time is always given in UTC with a `Z`.
    package var w3cdtf: String {
        guard let month else { return pad(year, 4) }
        guard let day else { return "\(pad(year, 4))-\(pad(month, 2))" }
        guard hour != nil else { return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))" }
        return utcTimestamp
    }

    /// `CCYY-MM-DDThh:mm:ssZ`, the form `dcterms:modified` requires; a date without
    /// a time is taken as midnight UTC.
    package var utcTimestamp: String {
        let t = UTCTime(secondsSinceEpoch: secondsSinceEpoch)
        return t.iso8601
    }

    /// Seconds since 1970-01-01T00:00:00Z.
    package var secondsSinceEpoch: Int64 {
        let days = UTCTime.daysFromCivil(year: year, month: month ?? 1, day: day ?? 1)
        let local = Int64(days) * 86_400 + Int64(hour ?? 0) * 3600 + Int64(minute ?? 0) * 60 + Int64(second ?? 0)
        return local - Int64(utcOffsetMinutes ?? 0) * 60
    }
}

/// A UTC calendar time from epoch seconds; no Foundation, no time zone database,
/// so output never depends on the machine's zone.
package struct UTCTime: Sendable, Equatable {
    package var year: Int, month: Int, day: Int, hour: Int, minute: Int, second: Int

    package init(secondsSinceEpoch s: Int64) {
        let days = Int(s >= 0 ? s / 86_400 : (s - 86_399) / 86_400)
        let rest = Int(s - Int64(days) * 86_400)
        (year, month, day) = UTCTime.civilFromDays(days)
        hour = rest / 3600
        minute = rest % 3600 / 60
        second = rest % 60
    }

    package var iso8601: String {
        "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))T\(pad(hour, 2)):\(pad(minute, 2)):\(pad(second, 2))Z"
    }

    // Howard Hinnant's proleptic Gregorian day algorithms.
    static func daysFromCivil(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    static func civilFromDays(_ z0: Int) -> (Int, Int, Int) {
        let z = z0 + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (m <= 2 ? 1 : 0), m, d)
    }
}

func pad(_ value: Int, _ width: Int) -> String {
    let s = String(value)
    return s.count >= width ? s : String(repeating: "0", count: width - s.count) + s
}
