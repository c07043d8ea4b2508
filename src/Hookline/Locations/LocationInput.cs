namespace Hookline.Locations;

/// <summary>What the location form posts; its fields are those of <see cref="LocationRequest"/>.</summary>
public sealed class LocationInput
{
    public string? GroupId { get; set; }
    public string? Name { get; set; }
    public string? AddressLine1 { get; set; }
    public string? AddressLine2 { get; set; }
    public string? City { get; set; }
    public string? State { get; set; }
    public string? Zip { get; set; }
    public string? AccountId { get; set; }
    public string? ExternalLocationId { get; set; }
    public string? SiteId { get; set; }
    public string? DomainId { get; set; }

    public static LocationInput From(Location l)
    {
        ArgumentNullException.ThrowIfNull(l);
        return new()
        {
            GroupId = l.GroupId, Name = l.Name, AddressLine1 = l.AddressLine1, AddressLine2 = l.AddressLine2, City = l.City,
            State = l.State, Zip = l.Zip, AccountId = l.AccountId, ExternalLocationId = l.ExternalLocationId, SiteId = l.SiteId, DomainId = l.DomainId,
        };
    }

    /// <summary>The request the API would get; an empty box is no value, as an absent JSON field is.</summary>
    public LocationRequest ToRequest() => new(Blank(GroupId), Name, Blank(AddressLine1), Blank(AddressLine2), Blank(City), Blank(State), Blank(Zip),
        Blank(AccountId), Blank(ExternalLocationId), Blank(SiteId), Blank(DomainId));

    private static string? Blank(string? value) => string.IsNullOrEmpty(value) ? null : value;
}
