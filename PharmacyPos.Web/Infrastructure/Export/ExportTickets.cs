using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.Extensions.Caching.Distributed;

namespace PharmacyPos.Web.Infrastructure.Export;

/// <summary>
/// Search criteria never travel in an export's URL: gateways, proxies and telemetry log every URL, and the
/// criteria can be a purchaser's name or ID number. The page leaves the criteria here and the download link
/// carries only a random ticket that the member of staff who asked for it can redeem once, within
/// <see cref="Lifetime"/>. Kept in the distributed cache (Redis when configured), so any instance can redeem it.
/// </summary>
public sealed class ExportTickets(IDistributedCache cache)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(2);

    /// <summary>The query parameter that carries the ticket.</summary>
    public const string QueryName = "ticket";

    /// <summary>What an export says when its ticket is unknown, used, expired or someone else's.</summary>
    public const string Refusal = "This export link has expired or was already used. Go back to the page and press Export again.";

    private sealed record Stored(Guid UserId, JsonElement Criteria);

    /// <summary>Leaves <paramref name="criteria"/> for one download of <paramref name="export"/> by <paramref name="userId"/>; returns the ticket.</summary>
    public async Task<string> IssueAsync<T>(string export, Guid userId, T criteria, CancellationToken ct = default)
    {
        var ticket = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));
        var stored = new Stored(userId, JsonSerializer.SerializeToElement(criteria));
        await cache.SetAsync(Key(export, ticket), JsonSerializer.SerializeToUtf8Bytes(stored),
            new DistributedCacheEntryOptions { AbsoluteExpirationRelativeToNow = Lifetime }, ct);
        return ticket;
    }

    /// <summary>The criteria left with the ticket, once; null when the ticket is unknown, used, expired or was issued to someone else.</summary>
    public async Task<T?> RedeemAsync<T>(string export, Guid? userId, string? ticket, CancellationToken ct = default) where T : class
    {
        if (userId is null || string.IsNullOrEmpty(ticket) || ticket.Length > 64 || !Base64Url.IsValid(ticket)) return null;
        var key = Key(export, ticket);
        var bytes = await cache.GetAsync(key, ct);
        if (bytes is null) return null;
        var stored = JsonSerializer.Deserialize<Stored>(bytes);
        if (stored is null || stored.UserId != userId) return null;
        await cache.RemoveAsync(key, ct);
        return stored.Criteria.Deserialize<T>();
    }

    /// <summary>The download address: the export's path and the ticket, nothing else.</summary>
    public static string Url(string path, string ticket) => $"{path}?{QueryName}={ticket}";

    private static string Key(string export, string ticket) => $"export-ticket:{export}:{ticket}";
}
