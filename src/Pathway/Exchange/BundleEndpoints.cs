using System.IO.Compression;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Pathway.Access;
using Pathway.Access.Audit;
using Pathway.Api;
using Pathway.Data;
using Pathway.Infrastructure;

namespace Pathway.Exchange;

public sealed record LoadedCounts(string File, int Added, int Changed, int Unchanged, int Kept);
public sealed record BundleLoaded(string Source, IReadOnlyList<LoadedCounts> Counts);
public sealed record BundleProblemRow(string File, int Line, string Column, string Rule);
/// <summary>The 422 body: a ProblemDetails whose <c>problems</c> are the loader's own list.</summary>
public sealed record BundleRefused(string Title, int Status, string Detail, IReadOnlyList<BundleProblemRow> Problems, int NotListed);

/// <summary>
/// <c>POST /api/v1/bundles?source=NAME</c> (bundles:write) and <c>GET /api/v1/bundles/NAME</c> (bundles:read): the loader and
/// export of `pathway load`/`export` and the Records page, held to the client's provider by <see cref="RecordAccess"/> as a
/// data officer's are.
/// </summary>
public static class BundleEndpoints
{
    public static RouteGroupBuilder MapBundles(this RouteGroupBuilder api)
    {
        api.MapGroup("/bundles").WithScope(ApiScopes.BundlesWrite).WithTags("Bundles")
            .MapPost("/", LoadAsync)
            .WithName("LoadBundle")
            .WithSummary("Load a bundle (.zip), all or nothing")
            .WithDescription("The body is the bundle .zip (Content-Type application/zip). 200 with the counts per file, or 422 with "
                + "every problem as the loader reports it; nothing is saved unless everything is.")
            .Accepts<IFormFile>("application/zip")
            .WithMetadata(new RequestSizeLimitAttribute(RecordsModel.MaxUploadBytes))
            .Produces<BundleRefused>(StatusCodes.Status422UnprocessableEntity, "application/problem+json")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);
        api.MapGroup("/bundles").WithScope(ApiScopes.BundlesRead).WithTags("Bundles")
            .MapGet("/{name}", ExportAsync)
            .WithName("ExportBundle")
            .WithSummary("Export a source as a bundle .zip")
            .WithDescription("Only the episodes of the client's provider in that source, and their clients, as a data officer's export.")
            .Produces(StatusCodes.Status200OK, contentType: "application/zip")
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);
        return api;
    }

    private static async Task<Results<Ok<BundleLoaded>, ProblemHttpResult>> LoadAsync(string? source, HttpContext http, ApiCaller caller,
        DatabaseTarget target, RecordAccess access, AuditTrail audit, UploadFolder uploads, CancellationToken cancel)
    {
        source = source?.Trim();
        if (string.IsNullOrEmpty(source) || !BundleExport.IsValidSourceName(source))
            return PathwayApi.Problem(StatusCodes.Status400BadRequest,
                "The query parameter source must be 1 to 40 letters, digits, dots, dashes or underscores, starting with a letter or digit.");
        // A council's client acts for no provider, so it has no records to load (the same rule refuses a commissioner).
        if (caller.Client.ProviderCode is null)
            return await RefusedAsync(audit, source, "This client acts for a council, not a provider, so it may not load records.", cancel);
        if (await Demo.DemoArea.IsPresentAsync(target, cancel))
            return PathwayApi.Problem(StatusCodes.Status409Conflict, Demo.DemoArea.LoadRefused);

        uploads.Sweep();
        var id = Guid.NewGuid().ToString("N");
        var path = uploads.PathOf(id)!;
        try
        {
            var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
            if (!OperatingSystem.IsWindows()) options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            await using (var file = new FileStream(path, options))
                await http.Request.Body.CopyToAsync(file, cancel);
            if (new FileInfo(path).Length == 0)
                return PathwayApi.Problem(StatusCodes.Status400BadRequest, "The body must be a bundle .zip; it was empty.");

            var today = http.Today();
            using var bundle = Bundle.Open(path);
            var (check, providers) = BundleProviders.Check(bundle, today);
            if (!check.Report.IsValid) return await ProblemsAsync(audit, source, check.Report, cancel);
            if (await access.RefuseLoadAsync(source, providers, cancel) is { } refused)
                return PathwayApi.Problem(StatusCodes.Status403Forbidden, refused + ".");
            var result = await BulkLoad.LoadAsync(target, bundle, source, today,
                audit.Describe(AuditActions.Change, AuditOutcomes.Succeeded, AuditedRecordTypes.Source, source), TextWriter.Null, cancel);
            if (!result.Loaded) return await ProblemsAsync(audit, source, result.Check.Report, cancel);
            return TypedResults.Ok(new BundleLoaded(source,
                [.. result.Counts.Select(c => new LoadedCounts(c.File, c.Added, c.Changed, c.Unchanged, c.Kept))]));
        }
        catch (BundleUnreadableException)
        {
            return PathwayApi.Problem(StatusCodes.Status400BadRequest, "The body must be a bundle .zip; this one cannot be read as one.");
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return PathwayApi.Problem(StatusCodes.Status413PayloadTooLarge, TooLarge);
        }
        finally
        {
            uploads.Delete(id);
        }
    }

    public static string TooLarge => $"A bundle sent to the API must be smaller than {RecordsModel.MaxUploadBytes >> 20} MB; load larger ones with `pathway load`.";

    private static async Task<ProblemHttpResult> RefusedAsync(AuditTrail audit, string source, string why, CancellationToken cancel)
    {
        await audit.RecordAsync(AuditActions.Change, AuditOutcomes.Refused, AuditedRecordTypes.Source, source, cancel: cancel);
        return PathwayApi.Problem(StatusCodes.Status403Forbidden, why);
    }

    private static async Task<ProblemHttpResult> ProblemsAsync(AuditTrail audit, string source, BundleReport report, CancellationToken cancel)
    {
        await audit.RecordAsync(AuditActions.Change, AuditOutcomes.Failed, AuditedRecordTypes.Source, source, cancel: cancel);
        var problems = report.Sorted().Select(p => new BundleProblemRow(p.File, p.Line, p.Column, p.Rule)).ToList();
        return PathwayApi.Problem(StatusCodes.Status422UnprocessableEntity,
            $"The bundle was not loaded: {report.Count} problem{(report.Count == 1 ? "" : "s")}; nothing was changed.",
            new Dictionary<string, object?> { ["problems"] = problems, ["notListed"] = report.NotListed });
    }

    private static async Task<Results<FileStreamHttpResult, ProblemHttpResult>> ExportAsync(string name, HttpContext http, ApiCaller caller,
        DatabaseTarget target, PathwayDb db, RecordAccess access, CancellationToken cancel)
    {
        if (!BundleExport.IsValidSourceName(name) || !await db.Episodes.AnyAsync(e => e.Source == name, cancel))
            return PathwayApi.Problem(StatusCodes.Status404NotFound, $"The database holds no records from a source of that name.");
        if (!await access.MayExportAsync(name, cancel))
            return PathwayApi.Problem(StatusCodes.Status403Forbidden,
                $"{name} holds no episodes of {caller.Client.ProviderCode ?? "this client's provider"}; this client may export only its own.");
        var folder = Path.Combine(Path.GetTempPath(), $"pathway-export-{Guid.NewGuid():N}");
        try
        {
            await BundleExport.WriteAsync(db, target.Kind, name, folder, cancel, national: false, within: await access.EpisodesAsync(cancel));
            var zip = folder + ".zip";
            ZipFile.CreateFromDirectory(folder, zip);
            // Deleted once sent: the export holds client records.
            var stream = new FileStream(zip, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.DeleteOnClose);
            return TypedResults.File(stream, "application/zip", $"{name}-{http.Today():yyyy-MM-dd}.zip");
        }
        finally
        {
            if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
        }
    }
}
