using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.Caching.Memory;

namespace ServiceCulture.Web.Pages;

/// <summary>
/// A value a page keeps in this node's memory cache for a while. Whether it may still be used is
/// judged on the portal's clock, so tests move it; the memory cache's own expiry only bounds memory.
/// </summary>
public static class KeptOnNode
{
    public static bool TryGet<T>(IMemoryCache cache, object key, TimeProvider clock, [NotNullWhen(true)] out T? value)
        where T : class
    {
        value = cache.TryGetValue(key, out Kept<T>? kept) && kept is not null && clock.GetUtcNow() < kept.Until ? kept.Value : null;
        return value is not null;
    }

    public static void Keep<T>(IMemoryCache cache, object key, T value, TimeProvider clock, TimeSpan lifetime)
        where T : class =>
        cache.Set(key, new Kept<T>(value, clock.GetUtcNow() + lifetime), lifetime);

    private sealed record Kept<T>(T Value, DateTimeOffset Until);
}
