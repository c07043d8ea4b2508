namespace Hookline.Core.Templates.Modifiers;

/// <summary>
/// A North American number written as <c>:e164</c> (<c>+17776734736</c>), <c>:national</c> (<c>(777) 673-4736</c>) or
/// <c>:digits</c> (<c>7776734736</c>). North American means ten digits, or eleven starting with 1, with area code and
/// exchange starting 2–9, written with or without spaces, dashes, dots, parentheses and a leading <c>+</c> (then
/// 1 and ten digits). Any other value, an international number included, is written as it is.
/// </summary>
internal sealed class PhoneModifier : TokenModifier
{
    private static readonly PhoneModifier E164 = new("e164");
    private static readonly PhoneModifier National = new("national");
    private static readonly PhoneModifier Digits = new("digits");

    private PhoneModifier(string text) => Text = text;

    public override string Text { get; }

    public static PhoneModifier? Find(string text) =>
        new[] { E164, National, Digits }.FirstOrDefault(m => m.Text.Equals(text, StringComparison.OrdinalIgnoreCase));

    public override ReadOnlySpan<char> Format(ReadOnlySpan<char> value, RenderContext context)
    {
        Span<char> ten = stackalloc char[10];
        if (!TryReadNorthAmerican(value, ten))
        {
            return value;
        }

        var into = context.Format;
        into.Clear();
        if (this == E164)
        {
            into.Append("+1");
            into.Append(ten);
        }
        else if (this == National)
        {
            into.Append("(");
            into.Append(ten[..3]);
            into.Append(") ");
            into.Append(ten[3..6]);
            into.Append("-");
            into.Append(ten[6..]);
        }
        else
        {
            into.Append(ten);
        }

        return into.Written;
    }

    /// <summary>The ten digits of a North American number, if the value is one.</summary>
    public static bool TryReadNorthAmerican(ReadOnlySpan<char> value, Span<char> ten)
    {
        value = value.Trim();
        var international = value.StartsWith('+');
        if (international)
        {
            value = value[1..];
        }

        Span<char> digits = stackalloc char[11];
        var count = 0;
        foreach (var c in value)
        {
            if (char.IsAsciiDigit(c))
            {
                if (count == digits.Length)
                {
                    return false;
                }

                digits[count++] = c;
            }
            else if (c is not (' ' or '-' or '.' or '(' or ')'))
            {
                return false;
            }
        }

        ReadOnlySpan<char> number = count switch
        {
            10 when !international => digits[..10],
            11 when digits[0] == '1' => digits[1..11],
            _ => [],
        };
        if (number.IsEmpty || number[0] < '2' || number[3] < '2')
        {
            return false;
        }

        number.CopyTo(ten);
        return true;
    }
}
