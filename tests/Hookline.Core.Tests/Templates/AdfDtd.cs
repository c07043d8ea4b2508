using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace Hookline.Core.Tests.Templates;

/// <summary>
/// The rules of the ADF 1.0 DTD, written as a test because a DTD cannot be loaded (templates prohibit them): each
/// element's content model as a regular expression over the names of its children, each attribute's allowed
/// values, and the elements that hold text only. Elements and attributes the DTD does not declare are errors.
/// </summary>
internal static class AdfDtd
{
    // Content models of the DTD (<!ELEMENT …>), child names each followed by a space.
    private static readonly Dictionary<string, Regex> Models = new()
    {
        ["adf"] = Model("(prospect )+"),
        ["prospect"] = Model("(id )*requestdate (vehicle )+customer vendor (provider )?"),
        ["vehicle"] = Model("(id )*year make model (vin )?(stock )?(trim )?(doors )?(bodystyle )?(transmission )?(odometer )?(condition )?(colorcombination )*(imagetag )?(price )?(pricecomments )?(option )*(finance )?(comments )?"),
        ["customer"] = Model("contact (id )*(timeframe )?(comments )?"),
        ["contact"] = Model("(name )+(email |(phone )+|email (phone )+)(address )?"),
        ["address"] = Model("(street )+(apartment )?(city )?(regioncode )?(postalcode )?(country )?"),
        ["vendor"] = Model("(id )*vendorname (url )?contact "),
        ["provider"] = Model("(id )*name (service )?(url )?(email )?(phone )?(contact )?"),
    };

    private static readonly HashSet<string> Text =
    [
        "id", "requestdate", "year", "make", "model", "vin", "stock", "trim", "doors", "bodystyle", "transmission", "odometer",
        "condition", "imagetag", "price", "pricecomments", "comments", "timeframe", "name", "email", "phone", "street", "apartment",
        "city", "regioncode", "postalcode", "country", "vendorname", "url", "service",
    ];

    // <!ATTLIST …>: an enumeration's values, or null for CDATA.
    private static readonly Dictionary<(string Element, string Attribute), string[]?> Attributes = new()
    {
        [("prospect", "status")] = ["new", "resend"],
        [("vehicle", "interest")] = ["buy", "lease", "sell", "trade-in", "test-drive"],
        [("vehicle", "status")] = ["new", "used"],
        [("id", "sequence")] = null,
        [("id", "source")] = null,
        [("name", "part")] = ["surname", "first", "middle", "last", "full"],
        [("name", "type")] = ["business", "individual"],
        [("email", "preferredcontact")] = ["0", "1"],
        [("phone", "type")] = ["voice", "fax", "cellphone", "pager"],
        [("phone", "time")] = ["morning", "afternoon", "evening", "nopreference", "day"],
        [("phone", "preferredcontact")] = ["0", "1"],
        [("contact", "primarycontact")] = ["0", "1"],
        [("address", "type")] = ["work", "home", "delivery"],
        [("street", "line")] = ["1", "2", "3", "4", "5"],
    };

    /// <summary>Every way the document breaks the DTD's rules; empty when it is a valid ADF 1.0 lead.</summary>
    public static List<string> Violations(XDocument adf)
    {
        var found = new List<string>();
        if (adf.Root?.Name.LocalName != "adf")
        {
            found.Add($"the root is <{adf.Root?.Name}>, not <adf>");
        }

        if (!adf.Nodes().OfType<XProcessingInstruction>().Any(p => p.Target == "adf" && p.Data.Contains("version=\"1.0\"", StringComparison.Ordinal)))
        {
            found.Add("the <?adf version=\"1.0\"?> processing instruction is missing");
        }

        foreach (var element in adf.Descendants())
        {
            var name = element.Name.LocalName;
            var where = string.Join("/", element.AncestorsAndSelf().Reverse().Select(e => e.Name.LocalName));
            if (Models.TryGetValue(name, out var model))
            {
                var children = string.Concat(element.Elements().Select(e => e.Name.LocalName + " "));
                if (!model.IsMatch(children))
                {
                    found.Add($"{where} holds [{children.Trim()}], which its content model does not allow");
                }
            }
            else if (!Text.Contains(name))
            {
                found.Add($"{where} is not an ADF 1.0 element");
            }
            else if (element.HasElements)
            {
                found.Add($"{where} holds elements, but holds text only");
            }

            foreach (var attribute in element.Attributes())
            {
                if (!Attributes.TryGetValue((name, attribute.Name.LocalName), out var allowed))
                {
                    found.Add($"{where}/@{attribute.Name} is not declared");
                }
                else if (allowed is not null && !allowed.Contains(attribute.Value))
                {
                    found.Add($"{where}/@{attribute.Name} is '{attribute.Value}', not one of {string.Join(", ", allowed)}");
                }
            }
        }

        return found;
    }

    private static Regex Model(string pattern) => new("^" + pattern + "$", RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
}
