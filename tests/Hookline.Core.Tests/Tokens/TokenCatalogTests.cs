using Hookline.Core.Tokens;

namespace Hookline.Core.Tests.Tokens;

public class TokenCatalogTests
{
    [Fact]
    public void All_HoldsThe77TokensOfTheTable_InItsOrder_ThenTheTwoOfEachDelivery()
    {
        Assert.Equal(79, TokenCatalog.All.Count);
        Assert.Equal("callid", TokenCatalog.All[0].Key);
        Assert.Equal("session_id", TokenCatalog.All[1].Key);
        Assert.Equal("prompt_responses", TokenCatalog.All[13].Key);
        Assert.Equal("visitor_long", TokenCatalog.All[76].Key);
        Assert.Equal(["event", "lead_status"], TokenCatalog.All.Skip(77).Select(t => t.Key));
        Assert.Equal(79, TokenCatalog.All.Select(t => t.Key).Distinct().Count());
    }

    [Fact]
    public void All_HasTheCategoryCountsOfTheTable()
    {
        var counts = TokenCatalog.All.GroupBy(t => t.CategoryName).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(27, counts["call_begin"]);
        Assert.Equal(11, counts["call_end"]);
        Assert.Equal(29, counts["dni"]);
        Assert.Equal(10, counts["location_info"]);
        Assert.Equal(2, counts["delivery"]);
    }

    [Theory]
    [InlineData("callid", TokenCategory.CallBegin, "call_begin")]
    [InlineData("dialed_time", TokenCategory.CallEnd, "call_end")]
    [InlineData("target", TokenCategory.Dni, "dni")]
    [InlineData("repeat_caller", TokenCategory.CallBegin, "call_begin")]
    [InlineData("prompt_responses", TokenCategory.CallEnd, "call_end")]
    [InlineData("response", TokenCategory.CallEnd, "call_end")]
    [InlineData("tags", TokenCategory.CallBegin, "call_begin")]
    [InlineData("location_address_zip", TokenCategory.LocationInfo, "location_info")]
    [InlineData("vehicle_vin", TokenCategory.Dni, "dni")]
    [InlineData("ring_count", TokenCategory.CallEnd, "call_end")]
    [InlineData("domain_id", TokenCategory.LocationInfo, "location_info")]
    [InlineData("visitor_lat", TokenCategory.Dni, "dni")]
    public void Token_HasTheCategoryOfTheTable(string key, TokenCategory category, string categoryName)
    {
        Assert.True(TokenCatalog.TryGet(key, out var token));
        Assert.Equal(category, token.Category);
        Assert.Equal(categoryName, token.CategoryName);
    }

    [Fact]
    public void Token_CarriesTheRowOfTheTable()
    {
        Assert.True(TokenCatalog.TryGet("ani", out var ani));
        Assert.Equal(new TokenInfo("ani", "ANI", TokenCategory.CallBegin, "ANI - Telephone number of person calling", "7776734736", null) { Ordinal = 6, Kind = TokenKind.Phone }, ani);
        Assert.Equal("%ani%", ani.Token);

        Assert.True(TokenCatalog.TryGet("ani_zip4", out var zip4));
        Assert.Equal("ZIP4 - Callers Zip plus 4\"", zip4.Description);

        Assert.True(TokenCatalog.TryGet("utm_source", out var source));
        Assert.Equal("", source.Example);

        Assert.True(TokenCatalog.TryGet("ani_first_name", out var first));
        Assert.Equal("First Name", first.Name);
        Assert.Equal("Freddy", first.Example);
    }

    [Fact]
    public void Kinds_MarkThePhoneNumbersAndTheMoments()
    {
        Assert.Equal(["tracking", "ani", "target"], TokenCatalog.All.Where(t => t.Kind == TokenKind.Phone).Select(t => t.Key));
        Assert.Equal(["call_start_time", "call_end_time", "ani_updated_at"], TokenCatalog.All.Where(t => t.Kind == TokenKind.Time).Select(t => t.Key));
    }

    [Fact]
    public void Members_OfPromptResponses_AreMarked()
    {
        var members = TokenCatalog.All.Where(t => t.MemberOf is not null).Select(t => (t.Key, t.MemberOf)).ToArray();
        Assert.Equal([("question", "prompt_responses"), ("question_link", "prompt_responses"), ("response", "prompt_responses")], members);
        Assert.Equal(["prompt_responses", "tags"], TokenCatalog.All.Where(t => t.IsNested).Select(t => t.Key));
    }

    [Fact]
    public void Names_AreSetAndUnique()
    {
        Assert.All(TokenCatalog.All, t => Assert.False(string.IsNullOrWhiteSpace(t.Name)));
        Assert.Equal(79, TokenCatalog.All.Select(t => t.Name).Distinct(StringComparer.OrdinalIgnoreCase).Count());
    }

    [Theory]
    [InlineData("ani")]
    [InlineData("%ani%")]
    [InlineData("%ANI%")]
    [InlineData("Ani")]
    public void TryGet_FindsByKeyOrToken_IgnoringCase(string name)
    {
        Assert.True(TokenCatalog.TryGet(name, out var token));
        Assert.Equal("ani", token.Key);
    }

    [Theory]
    [InlineData("")]
    [InlineData("%%")]
    [InlineData("%")]
    [InlineData("anis")]
    [InlineData("%ani")]
    [InlineData("first_name")]
    public void TryGet_RefusesWhatIsNoToken(string name) =>
        Assert.False(TokenCatalog.TryGet(name, out _));
}
