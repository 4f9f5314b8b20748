using Pathway.Infrastructure;
using System.IO.Compression;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Pathway.Access;
using Pathway.Access.Audit;
using Pathway.Data;

namespace Pathway.Exchange;

/// <summary>
/// Records in and out, for data officers: upload a bundle, read its validation report, confirm the load;
/// download an export. The upload waits between the two requests in the <see cref="UploadFolder"/>, named by a
/// random id, until it is loaded or cancelled (or an hour has passed). Everything is held to the officer's providers
/// through <see cref="RecordAccess"/>: what is listed, loaded and exported, and the outgoing provider's transition
/// cohort only under an authorised handover.
/// </summary>
[Authorize(Policy = Policies.Records)]
[RequestSizeLimit(MaxUploadBytes + (1 << 20))]
[RequestFormLimits(MultipartBodyLengthLimit = MaxUploadBytes + (1 << 20))]
public class RecordsModel(DatabaseTarget target, PathwayDb db, AuditTrail audit, UploadFolder uploads, RecordAccess access) : PageModel
{
    public const long MaxUploadBytes = 200L << 20;

    [BindProperty] public string? Source { get; set; }
    [BindProperty] public IFormFile? Bundle { get; set; }
    [BindProperty] public string? UploadId { get; set; }

    public string? Error { get; private set; }
    public string? FileName { get; private set; }
    public BundleReport? Report { get; private set; }
    public IReadOnlyList<FileCounts>? Loaded { get; private set; }
    /// <summary>What loading the checked bundle would do, per file, counted against the records held now.</summary>
    public LoadResult? Preview { get; private set; }
    public IReadOnlyList<string> Sources { get; private set; } = [];
    public bool Cancelled { get; private set; }
    public IReadOnlyList<(Transitions.Handover Handover, List<string> Sources)> Handovers { get; private set; } = [];

    public Task OnGetAsync(CancellationToken cancel) => ListAsync(cancel);

    private async Task ListAsync(CancellationToken cancel)
    {
        Sources = await access.SourcesAsync(cancel);
        Handovers = await access.HandoversAsync(cancel);
    }

    public async Task<IActionResult> OnPostCheckAsync(CancellationToken cancel)
    {
        await ListAsync(cancel);
        if (Source is null || !BundleExport.IsValidSourceName(Source.Trim()))
            return Fail("Enter the source system's name: letters, digits, dots, dashes or underscores");
        Source = Source.Trim();
        if (Bundle is null || Bundle.Length == 0) return Fail("Choose a bundle .zip file to upload");
        if (Bundle.Length > MaxUploadBytes) return Fail($"The file must be smaller than {MaxUploadBytes >> 20} MB; load larger bundles with `pathway load`");
        uploads.Sweep();
        UploadId = await uploads.SaveAsync(Bundle, cancel);
        FileName = Bundle.FileName;
        try
        {
            using var bundle = Exchange.Bundle.Open(uploads.PathOf(UploadId)!);
            var (check, providers) = BundleProviders.Check(bundle, Today);
            Report = check.Report;
            if (Report.IsValid && await access.RefuseLoadAsync(Source, providers, cancel) is { } refused)
            {
                Report = null;
                Discard();
                return Fail(refused);
            }
        }
        catch (BundleUnreadableException)
        {
            Discard();
            return Fail("The file must be a .zip of a bundle");
        }
        if (!Report.IsValid)
        {
            Discard();
            return Page();
        }
        using (var bundle = Exchange.Bundle.Open(uploads.PathOf(UploadId)!))
            Preview = await BulkLoad.PreviewAsync(target, bundle, Source, Today, TextWriter.Null, cancel);
        return Page();
    }

    public async Task<IActionResult> OnPostLoadAsync(CancellationToken cancel)
    {
        await ListAsync(cancel);
        uploads.Sweep();
        if (!uploads.Holds(UploadId) || Source is null || !BundleExport.IsValidSourceName(Source))
        {
            Discard();
            return Fail("The upload has expired; upload the bundle again");
        }
        if (await Demo.DemoArea.IsPresentAsync(target, cancel))
        {
            Discard();
            return Fail(Demo.DemoArea.LoadRefused.TrimEnd('.'));
        }
        LoadResult result;
        using (var bundle = Exchange.Bundle.Open(uploads.PathOf(UploadId)!))
        {
            // Asked again at the load: the source named in this request is the one that counts.
            var (check, providers) = BundleProviders.Check(bundle, Today);
            if (check.Report.IsValid && await access.RefuseLoadAsync(Source, providers, cancel) is { } refused)
            {
                Discard();
                return Fail(refused);
            }
            result = await BulkLoad.LoadAsync(target, bundle, Source, Today,
                audit.Describe(AuditActions.Change, AuditOutcomes.Succeeded, AuditedRecordTypes.Source, Source), TextWriter.Null, cancel);
        }
        Discard();
        if (!result.Loaded) Report = result.Check.Report;
        else Loaded = result.Counts;
        await ListAsync(cancel);
        return Page();
    }

    /// <summary>The data officer decided not to load the bundle they checked: it is deleted at once.</summary>
    public async Task<IActionResult> OnPostCancelAsync(CancellationToken cancel)
    {
        Discard();
        uploads.Sweep();
        await ListAsync(cancel);
        Cancelled = true;
        return Page();
    }

    /// <summary>A source's bundle, holding only the episodes of the officer's providers and their clients.</summary>
    public async Task<IActionResult> OnGetExportAsync(string source, bool national, CancellationToken cancel)
    {
        if (string.IsNullOrEmpty(source) || !await access.MayExportAsync(source, cancel)) return NotFound();
        return await ZipAsync(source, await access.EpisodesAsync(cancel), national, $"{source}{(national ? "-national" : "")}", cancel);
    }

    /// <summary>A transition export: the outgoing provider's cohort in one source, under an authorised handover to the officer's provider.</summary>
    public async Task<IActionResult> OnGetHandoverAsync(int id, string source, CancellationToken cancel)
    {
        if (string.IsNullOrEmpty(source) || await access.HandoverExportAsync(id, source, cancel) is not { } handover) return NotFound();
        return await ZipAsync(source, handover.Episodes, national: false,
            $"{source}-handover-{handover.Handover.FromProvider}-to-{handover.Handover.ToProvider}", cancel);
    }

    private async Task<IActionResult> ZipAsync(string source, IQueryable<Episodes.Episode> within, bool national, string name, CancellationToken cancel)
    {
        var folder = Path.Combine(Path.GetTempPath(), $"pathway-export-{Guid.NewGuid():N}");
        try
        {
            await BundleExport.WriteAsync(db, target.Kind, source, folder, cancel, national, within);
            var zip = folder + ".zip";
            ZipFile.CreateFromDirectory(folder, zip);
            // Deleted once sent: the export holds client records.
            var stream = new FileStream(zip, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.DeleteOnClose);
            return File(stream, "application/zip", $"{name}-{Today:yyyy-MM-dd}.zip");
        }
        finally
        {
            if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
        }
    }

    private DateOnly Today => HttpContext.Today();
    private void Discard()
    {
        uploads.Delete(UploadId);
        UploadId = null;
    }

    private PageResult Fail(string message)
    {
        Error = message;
        ModelState.AddModelError(nameof(Bundle), message);
        return Page();
    }
}
