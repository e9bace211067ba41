using Kindred.Data.Search;

namespace Kindred.UnitTests.Data;

public class SearchTermsTests
{
    private static List<string> Words(SearchTerms terms) => terms.Words.Select(w => w.Text + (w.Prefix ? "*" : "")).ToList();

    [Fact]
    public void PunctuationSeparatesWordsAndTextMatchesWholeWords() =>
        Assert.Equal(["l", "école", "jules", "ferry"], Words(SearchTerms.ForText("L'École « Jules-Ferry »")));

    [Fact]
    public void EveryWordIsAPrefixForNames() =>
        Assert.Equal(["alice*", "martin*"], Words(SearchTerms.ForNames("@Alice MARTIN")));

    [Fact]
    public void ASingleLetterNeverExpandsToAPrefix() =>
        Assert.Equal(["jardin*", "a"], Words(SearchTerms.ForNames("jardin a")));

    [Fact]
    public void LigaturesAreSpelledOutAsPostgresUnaccentDoes() =>
        Assert.Equal(["coeur", "ex", "aequo"], Words(SearchTerms.ForText("Cœur ex-æquo")));

    [Fact]
    public void NothingButPunctuationIsAnEmptySearch() =>
        Assert.True(SearchTerms.ForText(" #@!… 😀 ").IsEmpty);

    [Fact]
    public void RepeatedWordsCountOnceAndTooManyAreCut()
    {
        Assert.Equal(["vélo"], Words(SearchTerms.ForText("vélo VÉLO vélo")));
        Assert.Equal(SearchTerms.MaxWords, SearchTerms.ForText(string.Join(' ', Enumerable.Range(0, 20).Select(i => "w" + i))).Words.Count);
        Assert.Equal(SearchTerms.MaxWordLength, SearchTerms.ForText(new string('a', 300)).Words[0].Text.Length);
    }

    [Fact]
    public void EmailAddressesAndLinksAreCutIntoWords() =>
        Assert.Equal(["contact", "asso", "example", "org"], Words(SearchTerms.ForText("contact@asso.example.org")));
}
