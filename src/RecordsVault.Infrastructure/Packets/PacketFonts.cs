using SkiaSharp;

namespace RecordsVault.Infrastructure.Packets;

/// <summary>
/// The embedded DejaVu Sans faces (licence in Fonts/LICENSE-DejaVu.txt): packets look the same on every host,
/// and the PDF carries a real Unicode map, so text such as "niño" can be searched and extracted.
/// </summary>
internal static class PacketFonts
{
    private static readonly Lazy<SKTypeface> RegularFace = new(() => Load("DejaVuSans.ttf"));
    private static readonly Lazy<SKTypeface> BoldFace = new(() => Load("DejaVuSans-Bold.ttf"));

    public static SKTypeface Regular => RegularFace.Value;

    public static SKTypeface Bold => BoldFace.Value;

    private static SKTypeface Load(string file)
    {
        var name = $"RecordsVault.Infrastructure.Packets.Fonts.{file}";
        using var resource = typeof(PacketFonts).Assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"The font {name} is not embedded in the assembly.");

        // Skia reads a stream-backed typeface lazily and from several threads; an in-memory copy is safe to share.
        using var data = SKData.Create(resource);
        return SKTypeface.FromStream(new SKMemoryStream(data))
            ?? throw new InvalidOperationException($"The font {name} could not be loaded.");
    }
}
