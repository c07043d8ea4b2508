using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Hookline.Storage;

/// <summary>
/// Times are stored as Unix milliseconds on every provider: SQLite cannot order or compare
/// DateTimeOffset columns, and one representation keeps both providers' queries alike.
/// </summary>
public sealed class UnixMillisecondsConverter() : ValueConverter<DateTimeOffset, long>(
    v => v.ToUnixTimeMilliseconds(),
    v => DateTimeOffset.FromUnixTimeMilliseconds(v));
