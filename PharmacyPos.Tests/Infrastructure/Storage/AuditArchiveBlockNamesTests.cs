using PharmacyPos.Web.Infrastructure.Storage;

namespace PharmacyPos.Tests.Infrastructure.Storage;

public class AuditArchiveBlockNamesTests
{
    [Fact]
    public void Block_names_are_zero_padded_so_name_order_is_block_order()
    {
        Assert.Equal("blocks/000000000042.jsonl", AuditArchiveBlockNames.BlobName(42));
        var names = new[] { 1L, 2, 10, 999, 1000 }.Select(AuditArchiveBlockNames.BlobName).ToList();
        Assert.Equal(names.Order(StringComparer.Ordinal), names);
    }

    [Theory]
    [InlineData("blocks/000000000042.jsonl", 42)]
    [InlineData("000000000007.jsonl", 7)]
    public void Reads_the_block_number_from_a_name(string name, long blockNumber)
    {
        Assert.True(AuditArchiveBlockNames.TryParse(name, out var parsed));
        Assert.Equal(blockNumber, parsed);
    }

    [Theory]
    [InlineData("blocks/readme.txt")]
    [InlineData("blocks/000000000000.jsonl")]
    [InlineData("blocks/-00000000042.jsonl")]
    [InlineData("blocks/ 00000000042.jsonl")]
    [InlineData("blocks/42.jsonl")]
    [InlineData(".000000000001.jsonl.5f2c.tmp")]
    public void Other_names_are_not_blocks(string name) =>
        Assert.False(AuditArchiveBlockNames.TryParse(name, out _));
}
