import ArtExportCore
import Testing

/// What an issue derives from its articles.
@Suite struct IssueTests {
    static func article(_ title: String, _ authors: [String]) -> Article {
        Article(metadata: Metadata(title: title, authors: authors), blocks: [])
    }

    @Test func authorsInFirstAppearanceOrderEachOnce() {
        let issue = Issue(metadata: IssueMetadata(newsletter: "N"), sections: [
            IssueSection(title: "A", articles: [Self.article("1", ["Bo", "Ann"]), Self.article("2", [])]),
            IssueSection(articles: [Self.article("3", ["Cy", "Ann", "Bo"]), Self.article("4", ["Dee", "Cy"])]),
        ])
        #expect(issue.authors == ["Bo", "Ann", "Cy", "Dee"])
        #expect(Issue(metadata: IssueMetadata(newsletter: "N"), sections: []).authors.isEmpty)
    }

    @Test func coverDescriptionNamesWhatTheIssueGives() {
        #expect(IssueMetadata(newsletter: "The Letter").coverDescription == "Cover: The Letter")
        #expect(IssueMetadata(newsletter: "The Letter", title: "Summer", number: 42).coverDescription == "Cover: The Letter, Issue 42, Summer")
    }
}
