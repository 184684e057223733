using System.Text;
using PharmacyPos.Web.Infrastructure.Storage;

namespace PharmacyPos.Tests.Infrastructure.Storage;

public sealed class LocalFolderAuditArchiveStoreTests : AuditArchiveStoreContract
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "pharmacypos-archive-" + Guid.NewGuid().ToString("N"));

    protected override Task<IAuditArchiveStore> CreateStoreAsync() =>
        Task.FromResult<IAuditArchiveStore>(new LocalFolderAuditArchiveStore(_folder));

    protected override Task DeleteStoreAsync()
    {
        if (Directory.Exists(_folder))
        {
            foreach (var file in Directory.EnumerateFiles(_folder, "*", SearchOption.AllDirectories))
                File.SetAttributes(file, FileAttributes.Normal);
            Directory.Delete(_folder, recursive: true);
        }
        return Task.CompletedTask;
    }

    [Fact]
    public async Task A_written_block_is_read_only()
    {
        await Store.WriteBlockAsync(3, Encoding.UTF8.GetBytes("three\n"), CancellationToken.None);

        var path = Path.Combine(_folder, "blocks", "000000000003.jsonl");
        Assert.True(File.GetAttributes(path).HasFlag(FileAttributes.ReadOnly));
    }

    [Fact]
    public async Task Half_written_files_left_by_a_crash_are_not_blocks()
    {
        Directory.CreateDirectory(Path.Combine(_folder, "blocks"));
        await File.WriteAllTextAsync(Path.Combine(_folder, "blocks", ".000000000001.jsonl.5f2c.tmp"), "half");

        Assert.Null(await Store.LastBlockNumberAsync(CancellationToken.None));
        await Store.WriteBlockAsync(1, Encoding.UTF8.GetBytes("one\n"), CancellationToken.None);
        Assert.Equal(1, await Store.LastBlockNumberAsync(CancellationToken.None));
    }
}
