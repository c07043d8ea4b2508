namespace Hookline.Campaigns;

/// <summary>
/// Tracking numbers are compared in one form: digits only, a leading '+' dropped, and the usual
/// separators (spaces, dashes, dots, parentheses) removed, so "(777) 483-9229" and "7774839229" match.
/// </summary>
public static class PhoneNumbers
{
    public static string? Normalize(string? number)
    {
        if (string.IsNullOrWhiteSpace(number)) return null;
        var trimmed = number.Trim();
        if (trimmed.StartsWith('+')) trimmed = trimmed[1..];
        Span<char> digits = stackalloc char[Math.Min(trimmed.Length, 64)];
        var count = 0;
        foreach (var c in trimmed)
        {
            if (char.IsAsciiDigit(c))
            {
                if (count == digits.Length) return null;
                digits[count++] = c;
            }
            else if (c is not (' ' or '-' or '.' or '(' or ')')) return null;
        }
        return count is >= 3 and <= 15 ? new string(digits[..count]) : null;
    }
}
