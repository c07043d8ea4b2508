using System.Text.Json;
using Hookline.Core.Calls;
using Hookline.Core.Templates;
using Hookline.Core.Tokens;
using static Hookline.Core.Tests.Templates.Render;

namespace Hookline.Core.Tests.Templates.Modifiers;

public class TimeModifierTests
{
    private static TimeZoneInfo Zone(string name) =>
        TemplateTimeZone.TryFind(name, out var zone, out var error) ? zone : throw new InvalidOperationException(error);

    private static JsonElement Body(string format, string start, string? zone = null, CallMoment at = CallMoment.End)
    {
        var template = Template.Parse(TemplateType.Json, format, zone is null ? null : Zone(zone));
        using var document = JsonDocument.Parse(template.Compile(new Dictionary<string, string?>())
            .Render(TestCalls.With(("call_start_time", start), ("call_end_time", start), ("ani_updated_at", start)), at));
        return document.RootElement.Clone();
    }

    private static string Text(string format, string start, string? zone = null) => Body(format, start, zone).GetProperty("t").GetString()!;

    [Theory]
    [InlineData("unix", "1553731500")]
    [InlineData("unix_ms", "1553731500000")]
    [InlineData("date", "2019-03-28")]
    [InlineData("time", "00:05:00")]
    [InlineData("iso", "2019-03-28T00:05:00+00:00")]
    [InlineData("'MM/dd/yyyy hh:mm tt'", "03/28/2019 12:05 AM")]
    [InlineData("'dddd d MMMM yyyy'", "Thursday 28 March 2019")]
    [InlineData("'yyyy-MM-dd''T''HH:mm'", "2019-03-28T00:05")]
    public void Modifiers_WriteTheMoment_InUtc_WithoutATimeZone(string modifier, string expected) =>
        Assert.Equal(expected, Text($$"""{"t": "%call_start_time:{{modifier}}%"}""", "2019-03-28T00:05:00.000Z"));

    [Fact]
    public void WithoutATimeZone_TimesAreWrittenAsTheCallGaveThem()
    {
        Assert.Equal("2019-03-28T00:05:00.000Z", Text("""{"t": "%call_start_time%"}""", "2019-03-28T00:05:00.000Z"));
        Assert.Equal("13 Oct 2020 3:15:12 PM", Text("""{"t": "%ani_updated_at%"}""", "13 Oct 2020 3:15:12 PM"));
    }

    [Theory]
    // The last second of standard time, and the first of daylight saving time (2026-03-08, 2:00 → 3:00).
    [InlineData("2026-03-08T06:59:59Z", "2026-03-08T01:59:59-05:00", "01:59:59")]
    [InlineData("2026-03-08T07:00:00Z", "2026-03-08T03:00:00-04:00", "03:00:00")]
    // The end of daylight saving time (2026-11-01, 2:00 → 1:00): 1:30 happens twice, with two offsets.
    [InlineData("2026-11-01T05:30:00Z", "2026-11-01T01:30:00-04:00", "01:30:00")]
    [InlineData("2026-11-01T06:30:00Z", "2026-11-01T01:30:00-05:00", "01:30:00")]
    [InlineData("2026-07-04T16:00:00.250Z", "2026-07-04T12:00:00.25-04:00", "12:00:00")]
    public void ATimeZone_WritesTimesInIt_AcrossDaylightSavingChanges(string utc, string iso, string time)
    {
        var body = Body("""{"t": "%call_start_time%", "i": "%call_start_time:iso%", "h": "%call_start_time:time%", "u": "%call_start_time:unix%"}""", utc, "America/New_York");
        Assert.Equal(iso, body.GetProperty("t").GetString());
        Assert.Equal(iso, body.GetProperty("i").GetString());
        Assert.Equal(time, body.GetProperty("h").GetString());
        Assert.Equal(DateTimeOffset.Parse(utc, System.Globalization.CultureInfo.InvariantCulture).ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture),
            body.GetProperty("u").GetString());
    }

    [Fact]
    public void ATimeZone_MovesTheDate_WhereTheZoneIsOnAnotherDay()
    {
        Assert.Equal("2019-03-27", Text("""{"t": "%call_start_time:date%"}""", "2019-03-28T00:05:00Z", "America/Los_Angeles"));
        Assert.Equal("2019-03-28 09:05", Text("""{"t": "%call_start_time:'yyyy-MM-dd HH:mm'%"}""", "2019-03-28T00:05:00Z", "Asia/Tokyo"));
        Assert.Equal("2019-03-28T00:05:00+00:00", Text("""{"t": "%call_start_time%"}""", "2019-03-28T00:05:00.000Z", "UTC"));
    }

    [Fact]
    public void AnOffsetInTheValue_IsKept_AndAValueWithoutOneIsUtc()
    {
        Assert.Equal("2019-03-28T05:05:00+00:00", Text("""{"t": "%call_start_time:iso%"}""", "2019-03-28T00:05:00-05:00"));
        Assert.Equal("2020-10-13T15:15:12+00:00", Text("""{"t": "%ani_updated_at:iso%"}""", "13 Oct 2020 3:15:12 PM"));
        Assert.Equal("2020-10-13T11:15:12-04:00", Text("""{"t": "%ani_updated_at%"}""", "13 Oct 2020 3:15:12 PM", "America/New_York"));
    }

    [Theory]
    [InlineData("yesterday")]
    [InlineData("12:30")]
    [InlineData("1553731500")]
    public void AValueThatIsNoMoment_IsWrittenAsGiven(string value)
    {
        Assert.Equal(value, Text("""{"t": "%call_start_time:date%"}""", value));
        Assert.Equal(value, Text("""{"t": "%call_start_time%"}""", value, "America/New_York"));
    }

    [Fact]
    public void UnixInANumberField_IsANumber_AndNullWithoutValue()
    {
        var body = Body("""{"n": 0, "m": 0, "e": "%call_end_time:unix_ms%"}""", "2019-03-28T00:05:30.000Z", at: CallMoment.Begin);
        Assert.Equal(JsonValueKind.Null, body.GetProperty("e").ValueKind);
        var mapped = Template.Parse(TemplateType.Json, """{"n": 0, "s": ""}""")
            .Compile(Map(("n", "%call_end_time:unix%"), ("s", "%call_end_time:unix%")))
            .Render(ExampleCall.Call, CallMoment.End);
        using var document = JsonDocument.Parse(mapped);
        Assert.Equal(1553731530, document.RootElement.GetProperty("n").GetInt64());
        Assert.Equal("1553731530", document.RootElement.GetProperty("s").GetString());
    }

    [Theory]
    [InlineData("UTC", "UTC")]
    [InlineData("America/New_York", "America/New_York")]
    [InlineData("Europe/Paris", "Europe/Paris")]
    [InlineData("Etc/GMT+5", "Etc/GMT+5")]
    public void TryFind_KnowsIanaNames(string name, string id)
    {
        Assert.True(TemplateTimeZone.TryFind(name, out var zone, out var error), error);
        Assert.Equal(id, zone.Id);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData(" ")]
    [InlineData("Eastern Standard Time")]
    [InlineData("Mars/Olympus_Mons")]
    [InlineData("../../etc/passwd")]
    [InlineData("/etc/localtime")]
    [InlineData("America/New_York ")]
    [InlineData("zone.tab")]
    public void TryFind_RefusesWhatIsNoIanaZone_WithAMessage(string? name)
    {
        Assert.False(TemplateTimeZone.TryFind(name, out var zone, out var error));
        Assert.Null(zone);
        Assert.Contains("IANA", error, StringComparison.Ordinal);
    }

    [Fact]
    public void TheInvariantGlobalizationOfTheProject_StillHasTheZoneDatabase()
    {
        // InvariantGlobalization drops ICU's culture data, not tzdata: the rules of daylight saving are there.
        Assert.True(AppContext.TryGetSwitch("System.Globalization.Invariant", out var invariant) && invariant);
        var ny = Zone("America/New_York");
        Assert.True(ny.SupportsDaylightSavingTime);
        Assert.True(ny.IsDaylightSavingTime(new DateTimeOffset(2026, 7, 1, 12, 0, 0, TimeSpan.Zero)));
        Assert.False(ny.IsDaylightSavingTime(new DateTimeOffset(2026, 1, 1, 12, 0, 0, TimeSpan.Zero)));
    }
}
