using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Pathway.Access;
using Pathway.Data;

namespace Pathway.Commissioning;

public sealed record HeldBenchmarks(DateOnly From, DateOnly To, string IndicatorId, int Areas);

/// <summary>Uploading published comparator figures (CSV), all or nothing, and what is held.</summary>
[Authorize(Policy = Policies.Performance)]
public class BenchmarksModel(PathwayDb db) : PageModel
{
    public const long MaxBytes = 5_000_000;

    public List<string> Problems { get; private set; } = [];
    public int? Loaded { get; private set; }
    public List<HeldBenchmarks> Held { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancel) => await ReadHeldAsync(cancel);

    public async Task<IActionResult> OnPostAsync(IFormFile? file, CancellationToken cancel)
    {
        if (file is null || file.Length == 0) Problems.Add("Choose a CSV file to load.");
        else if (file.Length > MaxBytes) Problems.Add("The file is larger than 5 MB.");
        else
        {
            using var reader = new StreamReader(file.OpenReadStream());
            var (loaded, problems) = await Benchmarking.LoadAsync(db, reader, cancel);
            Problems = problems;
            if (problems.Count == 0) Loaded = loaded;
        }
        await ReadHeldAsync(cancel);
        return Page();
    }

    private async Task ReadHeldAsync(CancellationToken cancel) =>
        Held = (await db.BenchmarkFigures.AsNoTracking()
                .GroupBy(b => new { b.PeriodFrom, b.PeriodTo, b.IndicatorId })
                .Select(g => new { g.Key.PeriodFrom, g.Key.PeriodTo, g.Key.IndicatorId, Areas = g.Count() })
                .ToListAsync(cancel))
            .OrderByDescending(h => h.PeriodFrom).ThenBy(h => h.IndicatorId)
            .Select(h => new HeldBenchmarks(h.PeriodFrom, h.PeriodTo, h.IndicatorId, h.Areas)).ToList();
}
