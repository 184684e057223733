using FsCheck.Xunit;
using PharmacyPos.Domain.Compliance;
using PharmacyPos.Domain.Shared;

namespace PharmacyPos.Tests.Domain.Compliance;

public class PatientSignatureTests
{
    /// <summary>A complete 1×1 grey PNG: signature, IHDR, IDAT and IEND chunks, 67 bytes.</summary>
    private const string OnePixelPng = "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAAAAAA6fptVAAAACklEQVR4nGNgAAAAAgABSK+kcQAAAABJRU5ErkJggg==";

    private static List<IReadOnlyList<SignaturePoint>> Strokes(params int[] pointsPerStroke) =>
        pointsPerStroke.Select((n, s) => (IReadOnlyList<SignaturePoint>)Enumerable.Range(0, n).Select(i => new SignaturePoint(10 + i * 3, 40 + s * 5)).ToList()).ToList();

    [Fact]
    public void Keeps_strokes_and_gives_them_back()
    {
        var strokes = Strokes(6, 5);
        var signature = PatientSignature.FromStrokes(strokes);
        Assert.Equal(SignatureFormat.Strokes, signature.Format);
        Assert.Equal(11, signature.PointCount);
        Assert.Equal(strokes.Select(s => s.ToList()), signature.Strokes().Select(s => s.ToList()));
    }

    [Fact]
    public void An_empty_pad_is_refused()
    {
        Assert.False(PatientSignature.TryFromStrokes([], out _, out var error));
        Assert.Equal("The signature pad is empty; ask the purchaser to sign.", error);
        Assert.False(PatientSignature.TryFromStrokes(Strokes(0, 0), out _, out _));
        Assert.False(PatientSignature.TryFromStrokes(null, out _, out _));
    }

    [Theory]
    [InlineData(9, false)]
    [InlineData(10, true)]
    public void A_tap_is_not_a_signature(int points, bool accepted) =>
        Assert.Equal(accepted, PatientSignature.TryFromStrokes(Strokes(points), out _, out _));

    [Fact]
    public void A_signature_too_large_to_keep_is_refused()
    {
        Assert.False(PatientSignature.TryFromStrokes(Strokes(PatientSignature.MaxPoints + 1), out _, out var error));
        Assert.Contains("too large", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Points_off_the_pad_are_refused() =>
        Assert.False(PatientSignature.TryFromStrokes([[.. Strokes(12)[0], new SignaturePoint(-1, 5)]], out _, out _));

    [Fact]
    public void Keeps_a_PNG_data_URL()
    {
        var signature = PatientSignature.FromPngDataUrl(OnePixelPng);
        Assert.Equal(SignatureFormat.PngDataUrl, signature.Format);
        Assert.Equal(67, signature.PngBytes().Length);
    }

    [Theory]
    [InlineData("", "empty")]
    [InlineData("data:image/png;base64,", "empty")]
    [InlineData("data:image/jpeg;base64,/9j/4AAQ", "did not send a PNG")]
    [InlineData("data:image/png;base64,not base64!", "damaged")]
    [InlineData("data:image/png;base64,iVBORw0KGgo=", "damaged")]
    public void Refuses_blank_or_broken_pictures(string dataUrl, string reason)
    {
        Assert.False(PatientSignature.TryFromPngDataUrl(dataUrl, out _, out var error));
        Assert.Contains(reason, error, StringComparison.Ordinal);
    }

    [Fact]
    public void Refuses_a_picture_over_the_size_limit()
    {
        var huge = new byte[PatientSignature.MaxPngBytes + 1];
        Convert.FromBase64String(OnePixelPng["data:image/png;base64,".Length..]).CopyTo(huge, 0);
        Assert.False(PatientSignature.TryFromPngDataUrl("data:image/png;base64," + Convert.ToBase64String(huge), out _, out var error));
        Assert.Contains("too large", error, StringComparison.Ordinal);
    }

    [Fact]
    public void FromStrokes_throws_the_reason() =>
        Assert.Throws<DomainException>(() => PatientSignature.FromStrokes([]));

    [Property]
    public bool Any_data_URL_gives_a_signature_or_a_reason(string? text) =>
        PatientSignature.TryFromPngDataUrl(text, out var s, out var error)
            ? s is not null && error is null
            : s is null && !string.IsNullOrWhiteSpace(error);

    [Property]
    public bool Any_strokes_give_a_signature_that_round_trips_or_a_reason(SignaturePoint[][] strokes)
    {
        var input = (strokes ?? []).Where(s => s is not null).Select(s => (IReadOnlyList<SignaturePoint>)s).ToList();
        if (!PatientSignature.TryFromStrokes(input, out var signature, out var error))
            return signature is null && !string.IsNullOrWhiteSpace(error);
        return signature!.Strokes().SelectMany(p => p).SequenceEqual(input.SelectMany(p => p));
    }
}
