using System.Globalization;
using System.Runtime.InteropServices;
using BitMiracle.LibTiff.Classic;
using RecordsVault.Core.Disclosures;
using SkiaSharp;

namespace RecordsVault.Infrastructure.Packets;

/// <summary>TIFF records (Skia has no TIFF decoder): every page of the file, decoded with LibTiff.NET, one page each.</summary>
internal static class TiffContent
{
    static TiffContent()
    {
        // LibTiff reports to the console by default; failures here are reported in the packet instead.
        Tiff.SetErrorHandler(new QuietErrors());
    }

    public static async Task WriteAsync(PageFlow flow, PacketRecord record, Func<CancellationToken, Task<Stream>> open, CancellationToken cancellationToken)
    {
        await using var content = new ReopeningStream(open, record.Size, cancellationToken);
        using var tiff = Open(record, content);
        if (tiff is null)
        {
            content.ThrowIfSourceFailed();
            flow.Text("The TIFF file could not be read; it is delivered byte-exact in the bundle.", flow.Style.Body);
            return;
        }

        var pages = Math.Min(tiff.NumberOfDirectories(), short.MaxValue);
        content.ThrowIfSourceFailed();
        flow.Text(string.Create(CultureInfo.InvariantCulture, $"TIFF image, {pages} page(s)."), flow.Style.Body);
        for (short page = 0; page < pages; page++)
        {
            if (page > 0)
            {
                flow.NewPage();
            }

            var area = flow.TakeRest(ImageContent.MinHeight);

            try
            {
                using var image = Decode(tiff, page);
                content.ThrowIfSourceFailed();
                if (image is null)
                {
                    flow.Note(area, string.Create(CultureInfo.InvariantCulture, $"Page {page + 1} of the TIFF could not be decoded; the file is delivered byte-exact in the bundle."));
                    continue;
                }

                ImageContent.DrawFitted(flow.Canvas, image, area);
            }
            catch (Exception ex) when (ContentFailure.IsNotable(ex))
            {
                content.ThrowIfSourceFailed();
                flow.Note(area, string.Create(CultureInfo.InvariantCulture, $"Page {page + 1} of the TIFF could not be decoded; the file is delivered byte-exact in the bundle."));
            }
        }
    }

    /// <summary>LibTiff reports most read failures as a null result, so a source failure is checked for afterwards too.</summary>
    private static Tiff? Open(PacketRecord record, ReopeningStream content)
    {
        try
        {
            return Tiff.ClientOpen(record.RecordId, "r", content, new TiffStream());
        }
        catch (Exception ex) when (ContentFailure.IsNotable(ex))
        {
            content.ThrowIfSourceFailed();
            return null;
        }
    }

    private static SKImage? Decode(Tiff tiff, short page)
    {
        if (!tiff.SetDirectory(page))
        {
            return null;
        }

        var width = tiff.GetField(TiffTag.IMAGEWIDTH)?[0].ToInt() ?? 0;
        var height = tiff.GetField(TiffTag.IMAGELENGTH)?[0].ToInt() ?? 0;
        if (width <= 0 || height <= 0 || (long)width * height > ImageContent.MaxPixels)
        {
            return null;
        }

        // LibTiff packs each pixel as 0xAABBGGRR, which in little-endian memory is Skia's RGBA8888.
        var raster = new int[width * height];
        if (!tiff.ReadRGBAImageOriented(width, height, raster, Orientation.TOPLEFT))
        {
            return null;
        }

        var info = new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Unpremul);
        return SKImage.FromPixelCopy(info, MemoryMarshal.AsBytes(raster.AsSpan()), info.RowBytes);
    }

    private sealed class QuietErrors : TiffErrorHandler
    {
        public override void ErrorHandler(Tiff tif, string method, string format, params object[] args)
        {
        }

        public override void ErrorHandlerExt(Tiff tif, object clientData, string method, string format, params object[] args)
        {
        }

        public override void WarningHandler(Tiff tif, string method, string format, params object[] args)
        {
        }

        public override void WarningHandlerExt(Tiff tif, object clientData, string method, string format, params object[] args)
        {
        }
    }
}
