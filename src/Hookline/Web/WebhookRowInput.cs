namespace Hookline.Web;

/// <summary>
/// One row of "Webhook" and "Send at" in a form (a campaign's, a treatment option's). A row whose webhook is not
/// chosen is left out of the request, so the empty row a form opens with costs nothing.
/// </summary>
public sealed class WebhookRowInput
{
    public string? WebhookId { get; set; }
    public string? At { get; set; }

    public bool IsEmpty => string.IsNullOrEmpty(WebhookId);
}

/// <summary>What a form's button asks for besides saving: a row more or less. The button posts the whole form, so nothing typed is lost.</summary>
public static class FormCommand
{
    /// <summary>
    /// The row index in a command such as <c>remove-tag:2</c>, when <paramref name="command"/> is <paramref name="name"/>
    /// with one; -1 otherwise.
    /// </summary>
    public static int Index(string? command, string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (command is null || !command.StartsWith(name + ":", StringComparison.Ordinal)) return -1;
        return int.TryParse(command.AsSpan(name.Length + 1), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var i)
            ? i
            : -1;
    }

    /// <summary>Removes row <paramref name="index"/> when there is one; a list keeps at least one (empty) row to type in.</summary>
    public static void RemoveAt<T>(List<T> rows, int index)
        where T : new()
    {
        ArgumentNullException.ThrowIfNull(rows);
        if (index >= 0 && index < rows.Count) rows.RemoveAt(index);
        if (rows.Count == 0) rows.Add(new T());
    }
}
