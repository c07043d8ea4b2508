using System.Globalization;
using System.Text.Json;
using CsCheck;
using Hookline.Core.Calls;
using Hookline.Core.Templates;

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
        Assert.True(Hookline.Core.Templates.Modifiers.IsoTime.TryRead(text, out var moment), text);
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
        Assert.False(Hookline.Core.Templates.Modifiers.IsoTime.TryRead(text, out _));
}
