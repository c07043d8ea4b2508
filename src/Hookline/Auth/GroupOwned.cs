using System.Security.Claims;
using Microsoft.EntityFrameworkCore;

namespace Hookline.Auth;

/// <summary>A resource that belongs to one group, identified by a string <c>Id</c>.</summary>
public interface IGroupOwned
{
    string Id { get; }
    string GroupId { get; }
}

public static class GroupOwned
{
    /// <summary>
    /// The resource with this id, if the caller's group owns it (or the caller is an admin); otherwise null,
    /// which every route answers as 404: another group's resource looks exactly like a missing one.
    /// </summary>
    public static async Task<T?> FindVisibleAsync<T>(this IQueryable<T> source, string id, ClaimsPrincipal user, CancellationToken ct, bool track = false)
        where T : class, IGroupOwned
    {
        ArgumentNullException.ThrowIfNull(source);
        var query = track ? source : source.AsNoTracking();
        var found = await query.FirstOrDefaultAsync(e => e.Id == id, ct).ConfigureAwait(false);
        return found is not null && user.CanSee(found.GroupId) ? found : null;
    }
}
