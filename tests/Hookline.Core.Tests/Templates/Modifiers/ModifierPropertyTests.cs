using System.Globalization;
using System.Text.Json;
using CsCheck;
using Hookline.Core.Calls;
using Hookline.Core.Templates;
using Hookline.Core.Templates.Modifiers;

namespace Hookline.Core.Tests.Templates.Modifiers;

/// <summary>Formatted values carry the same number and the same instant as the value they were made from.</summary>
public class ModifierPropertyTests
{
    private static readonly CompiledTemplate Phones = Template.Parse(TemplateType.Json, """{"e": "%ani:e164%", "n": "%ani:national%", "d": "%ani:digits%"}""")
        .Compile(new Dictionary<string, string?>());

    private static readonly string[] Zones = ["UTC", "America/New_York", "America/Los_Angeles", "Europe/London", "Australia/Lord_Howe", "Asia/Kolkata", "Pacific/Chatham"];

    // A North American number: area code and exchange 2-9xx, written in any of the usual ways.
    private static readonly Gen<(string Digits, string Written)> Number = Gen.Select(Gen.Int[200, 999], Gen.Int[200, 999], Gen.Int[0, 9999], Gen.Int[0, 4],
        (area, exchange, line, style) =>
        {
            var digits = $"{area}{exchange}{line:D4}";
            return (digits, style switch
            {
                0 => digits,
                1 => "1" + digits,
                2 => "+1 " + digits,
                3 => $"({area}) {exchange}-{line:D4}",
                _ => $"{area}.{exchange}.{line:D4}",
            });
        });

    [Fact]
    public void PhoneModifiers_KeepTheTenDigits() => Number.Sample(number =>
    {
        using var body = JsonDocument.Parse(Phones.Render(TestCalls.With(("ani", number.Written)), CallMoment.End));
        Assert.Equal("+1" + number.Digits, body.RootElement.GetProperty("e").GetString());
        Assert.Equal(number.Digits, new string([.. body.RootElement.GetProperty("n").GetString()!.Where(char.IsAsciiDigit)]));
        Assert.Equal(number.Digits, body.RootElement.GetProperty("d").GetString());
    });

    [Fact]
    public void TimesInAZone_AreTheSameInstant_AndTheZonesDate() =>
        Gen.Select(Gen.Long[DateTimeOffset.Parse("1990-01-01Z", CultureInfo.InvariantCulture).ToUnixTimeMilliseconds(), DateTimeOffset.Parse("2040-01-01Z", CultureInfo.InvariantCulture).ToUnixTimeMilliseconds()], Gen.Int[0, Zones.Length - 1])
        .Sample((ms, z) =>
        {
            Assert.True(TemplateTimeZone.TryFind(Zones[z], out var zone, out _));
            var instant = DateTimeOffset.FromUnixTimeMilliseconds(ms);
            var compiled = Template.Parse(TemplateType.Json, """{"t": "%call_start_time%", "u": "%call_start_time:unix_ms%", "d": "%call_start_time:date%"}""", zone)
                .Compile(new Dictionary<string, string?>());
            var call = TestCalls.With(("call_start_time", instant.ToString("o", CultureInfo.InvariantCulture)));
            using var body = JsonDocument.Parse(compiled.Render(call, CallMoment.End));
            var written = DateTimeOffset.Parse(body.RootElement.GetProperty("t").GetString()!, CultureInfo.InvariantCulture);
            Assert.Equal(instant, written);
            Assert.Equal(zone.GetUtcOffset(instant), written.Offset);
            Assert.Equal(ms.ToString(CultureInfo.InvariantCulture), body.RootElement.GetProperty("u").GetString());
            Assert.Equal(TimeZoneInfo.ConvertTime(instant, zone).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), body.RootElement.GetProperty("d").GetString());
        });

    // ISO 8601 as call data writes it: any fraction length, Z, ±hh:mm, ±hhmm or no offset, T or a space.
    private static readonly Gen<string> IsoText = Gen.Select(Gen.Long[0, DateTime.MaxValue.Ticks - TimeSpan.TicksPerDay], Gen.Int[0, 7], Gen.Int[-14 * 60, 14 * 60], Gen.Int[0, 4], Gen.Bool,
        (ticks, digits, offsetMinutes, offsetStyle, space) =>
        {
            var local = new DateTime(ticks + TimeSpan.TicksPerDay, DateTimeKind.Unspecified);
            var text = local.ToString("yyyy-MM-dd" + (space ? "' '" : "'T'") + "HH:mm:ss" + (digits == 0 ? "" : "." + new string('f', digits)), CultureInfo.InvariantCulture);
            var offset = TimeSpan.FromMinutes(offsetMinutes);
            var sign = offset < TimeSpan.Zero ? "-" : "+";
            return text + offsetStyle switch
            {
                0 => "Z",
                1 => "",
                2 => sign + offset.ToString("hh\\:mm", CultureInfo.InvariantCulture),
                _ => sign + offset.ToString("hhmm", CultureInfo.InvariantCulture),
            };
        });

    [Fact]
    public void TheFastIsoReader_ReadsWhatTheInvariantCultureReads() => IsoText.Sample(text =>
    {
        var expected = DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
        Assert.True(TimeText.TryReadIso(text, out var moment), text);
        Assert.Equal(expected.UtcTicks, moment.UtcTicks);
    }, iter: 5000);

    [Theory]
    [InlineData("2019-02-29T00:00:00Z")]
    [InlineData("2019-13-01T00:00:00Z")]
    [InlineData("2019-03-28T24:00:00Z")]
    [InlineData("2019-03-28T00:05:00.Z")]
    [InlineData("2019-03-28T00:05:00+15:00")]
    [InlineData("2019-03-28T00:05:00Zx")]
    [InlineData("2019-03-28")]
    [InlineData("13 Oct 2020 3:15:12 PM")]
    public void TheFastIsoReader_LeavesAnythingElse_ToTheGeneralOne(string text) =>
        Assert.False(TimeText.TryReadIso(text, out _));

    private static readonly Gen<DateTimeOffset> Moment = Gen.Select(Gen.Long[0, DateTime.MaxValue.Ticks - (2 * TimeSpan.TicksPerDay)], Gen.Int[-14 * 60, 14 * 60], Gen.Int[0, 2],
        (ticks, offset, fraction) => new DateTimeOffset(
            (ticks + TimeSpan.TicksPerDay) / (fraction == 0 ? TimeSpan.TicksPerSecond : fraction == 1 ? TimeSpan.TicksPerMillisecond : 1) * (fraction == 0 ? TimeSpan.TicksPerSecond : fraction == 1 ? TimeSpan.TicksPerMillisecond : 1),
            TimeSpan.FromMinutes(offset)));

    [Fact]
    public void TheFastWriters_WriteWhatTheInvariantPatternsWrite() => Moment.Sample(moment =>
    {
        Span<char> into = stackalloc char[40];
        Assert.Equal(moment.ToString("yyyy'-'MM'-'dd'T'HH':'mm':'ss.FFFFFFFzzz", CultureInfo.InvariantCulture), into[..TimeText.WriteIso(moment, into)].ToString());
        Assert.Equal(moment.ToString("yyyy'-'MM'-'dd", CultureInfo.InvariantCulture), into[..TimeText.WriteDate(moment, into)].ToString());
        Assert.Equal(moment.ToString("HH':'mm':'ss", CultureInfo.InvariantCulture), into[..TimeText.WriteTime(moment, into)].ToString());
    }, iter: 5000);

    [Fact]
    public void TheTableShapeReader_ReadsWhatTheInvariantCultureReads() => Moment.Sample(moment =>
    {
        var text = moment.UtcDateTime.ToString("d MMM yyyy h:mm:ss tt", CultureInfo.InvariantCulture);
        Assert.True(TimeText.TryReadTableShape(text, out var read), text);
        Assert.Equal(DateTime.ParseExact(text, "d MMM yyyy h:mm:ss tt", CultureInfo.InvariantCulture), read.UtcDateTime);
        Assert.True(TimeText.TryReadTableShape(text.ToUpperInvariant(), out _));
    }, iter: 5000);

    [Theory]
    [InlineData("13 Oct 2020 3:15:12 PM", "2020-10-13T15:15:12")]
    [InlineData("1 Jan 2020 12:00:00 AM", "2020-01-01T00:00:00")]
    [InlineData("31 Dec 2020 12:59:59 PM", "2020-12-31T12:59:59")]
    public void TheTableShapeReader_ReadsTheTokenTablesExample(string text, string expected)
    {
        Assert.True(TimeText.TryReadTableShape(text, out var read));
        Assert.Equal(expected, read.UtcDateTime.ToString("s", CultureInfo.InvariantCulture));
    }

    [Theory]
    [InlineData("30 Feb 2020 3:15:12 PM")]
    [InlineData("13 Oct 2020 13:15:12 PM")]
    [InlineData("13 Oct 2020 0:15:12 AM")]
    [InlineData("13 Okt 2020 3:15:12 PM")]
    [InlineData("13 Oct 2020 3:15:12")]
    [InlineData("13 Oct 2020 3:15:12 PMx")]
    [InlineData("113 Oct 2020 3:15:12 PM")]
    public void TheTableShapeReader_LeavesAnythingElse_ToTheGeneralOne(string text) => Assert.False(TimeText.TryReadTableShape(text, out _));
}
