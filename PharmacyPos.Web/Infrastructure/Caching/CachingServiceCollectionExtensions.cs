using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.SignalR;
using PharmacyPos.Web.Infrastructure.Configuration;
using StackExchange.Redis;

namespace PharmacyPos.Web.Infrastructure.Caching;

public static class CachingServiceCollectionExtensions
{
    private const string ApplicationName = "PharmacyPos";

    /// <summary>
    /// With Redis configured, Redis serves the distributed cache, the SignalR backplane and the Data
    /// Protection key ring, so every instance (and both slots of a swap) reads the same sign-in cookies.
    /// Without it: an in-memory cache and keys in a local folder, for one instance.
    /// </summary>
    public static IServiceCollection AddCaching(this IServiceCollection services, PosSettings settings, ISignalRServerBuilder signalR)
    {
        var dataProtection = services.AddDataProtection().SetApplicationName(ApplicationName);
        if (settings.RedisConfiguration is { } redis)
        {
            var options = ConfigurationOptions.Parse(redis);
            options.AbortOnConnectFail = false;
            var multiplexer = new Lazy<IConnectionMultiplexer>(() => ConnectionMultiplexer.Connect(options));
            services.AddSingleton(_ => multiplexer.Value);
            services.AddSingleton<IRedisConnection>(_ => new RedisConnection(multiplexer));
            services.AddStackExchangeRedisCache(o =>
            {
                o.ConnectionMultiplexerFactory = () => Task.FromResult(multiplexer.Value);
                o.InstanceName = "pos:";
            });
            dataProtection.PersistKeysToStackExchangeRedis(() => multiplexer.Value.GetDatabase(), "pos:data-protection-keys");
            signalR.AddStackExchangeRedis(o =>
            {
                o.Configuration = options.Clone();
                o.Configuration.ChannelPrefix = RedisChannel.Literal("pos");
            });
        }
        else
        {
            services.AddDistributedMemoryCache();
            services.AddSingleton<IRedisConnection>(new RedisConnection(null));
            dataProtection.PersistKeysToFileSystem(new DirectoryInfo(Path.Combine(settings.DataFolder, "keys")));
        }
        return services;
    }
}

/// <summary>The Redis connection when one is configured; health checks ask it rather than the container.</summary>
public interface IRedisConnection
{
    bool Configured { get; }
    IConnectionMultiplexer? Multiplexer { get; }
}

internal sealed class RedisConnection(Lazy<IConnectionMultiplexer>? multiplexer) : IRedisConnection
{
    public bool Configured => multiplexer is not null;
    public IConnectionMultiplexer? Multiplexer => multiplexer?.Value;
}
