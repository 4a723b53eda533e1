using Microsoft.Extensions.DependencyInjection;

namespace RecordsVault.Infrastructure.Packets;

/// <summary>Registers the packet renderer; it is stateless, so one instance serves every request.</summary>
public static class PacketRendererRegistration
{
    public static IServiceCollection AddPacketRenderer(this IServiceCollection services) =>
        services.AddSingleton<IPacketRenderer, SkiaPacketRenderer>();
}
