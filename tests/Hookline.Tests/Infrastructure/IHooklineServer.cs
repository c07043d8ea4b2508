using System.Net.Http.Headers;

namespace Hookline.Tests.Infrastructure;

/// <summary>A running Hookline server that tests reach over HTTP: in this process (<see cref="HooklineApp"/>) or a child process (<see cref="HooklineProcess"/>).</summary>
public interface IHooklineServer
{
    Uri BaseAddress { get; }

    /// <summary>A client of the server; with a key, it sends <c>Authorization: Bearer key</c>.</summary>
    HttpClient Client(string? apiKey = HooklineApp.AdminKey);
}

public static class ServerClients
{
    public static HttpClient Create(Uri baseAddress, string? apiKey)
    {
        var client = new HttpClient { BaseAddress = baseAddress };
        if (apiKey is not null) client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);
        return client;
    }
}
