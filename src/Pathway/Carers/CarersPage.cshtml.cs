using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Pathway.Access;
using Pathway.Casework;
using Pathway.Data;
using Pathway.Episodes;

namespace Pathway.Carers;

/// <summary>A client's family members and carers, and the support each has had.</summary>
public class CarersPageModel(PathwayDb db, RecordAccess access) : CaseFormModel(db)
{
    [BindProperty] public string? Name { get; set; }
    [BindProperty] public string? Relationship { get; set; }
    [BindProperty] public string? Phone { get; set; }
    [BindProperty] public int? CarerId { get; set; }
    [BindProperty] public DateOnly? Date { get; set; }
    [BindProperty] public ContactChannel? Channel { get; set; }
    [BindProperty] public bool CarersGroup { get; set; }
    public List<Carer> Carers { get; private set; } = [];
    public List<SelectListItem> CarerChoices => Carers.Select(c => new SelectListItem($"{c.Name} ({c.Relationship})", c.Id.ToString())).ToList();

    private async Task ListAsync(CancellationToken cancel) =>
        Carers = await Db.Carers.AsNoTracking().Include(c => c.Support).Where(c => c.ClientRecordId == Episode.ClientRecordId).OrderBy(c => c.Name).ToListAsync(cancel);

    public async Task<IActionResult> OnGetAsync(CancellationToken cancel)
    {
        if (!await LoadAsync(cancel)) return NotFound();
        await ListAsync(cancel);
        Date = Today;
        return Page();
    }

    public async Task<IActionResult> OnPostCarerAsync(CancellationToken cancel)
    {
        if (!await LoadAsync(cancel, keepPostedVersion: true)) return NotFound();
        return await ActAsync(mode => CarerRecords.AddCarerAsync(Db, access, Worker, Id, Version, new CarerInput(Name, Relationship, Phone), cancel, mode),
            cancel, reloadForPage: () => ListAsync(cancel));
    }

    public async Task<IActionResult> OnPostSupportAsync(CancellationToken cancel)
    {
        if (!await LoadAsync(cancel, keepPostedVersion: true)) return NotFound();
        return await ActAsync(mode => CarerRecords.RecordSupportAsync(Db, access, Worker, Id, Version,
            new CarerSupportInput(CarerId, Date, Channel, CarersGroup), cancel, mode), cancel, reloadForPage: () => ListAsync(cancel));
    }
}

public sealed record GroupAttendance(DateOnly Date, string Carer, string Relationship, int EpisodeId);

/// <summary>The carers' group register: who came to the group, by date.</summary>
[Authorize(Policy = Policies.CaseWork)]
public class CarersGroupModel(PathwayDb db, RecordAccess access) : PageModel
{
    public List<GroupAttendance> Register { get; private set; } = [];
    public List<PublicSite.Carers.CarerRequestRow> Requests { get; private set; } = [];

    public async Task<IActionResult> OnPostContactedAsync(int requestId, CancellationToken cancel)
    {
        var worker = await Caseworker.CurrentAsync(db, User, cancel);
        await PublicSite.Carers.CarerRequests.MarkContactedAsync(db, requestId, worker.ProviderCode, cancel);
        return RedirectToPage();
    }

    public async Task OnGetAsync(CancellationToken cancel)
    {
        var worker = await Caseworker.CurrentAsync(db, User, cancel);
        Requests = await PublicSite.Carers.CarerRequests.OpenForAsync(db, worker.ProviderCode, cancel);
        var records = db.Episodes.VisibleTo(worker).Select(e => e.ClientRecordId);
        var rows = await db.CarerSupport.AsNoTracking().Where(s => s.CarersGroup && records.Contains(s.Carer.ClientRecordId))
            .OrderByDescending(s => s.Date).Take(500)
            .Select(s => new { s.Date, s.Carer.Name, s.Carer.Relationship, s.Carer.ClientRecordId }).ToListAsync(cancel);
        var ids = rows.Select(r => r.ClientRecordId).Distinct().ToList();
        var episodes = await db.Episodes.VisibleTo(worker).Where(e => ids.Contains(e.ClientRecordId))
            .GroupBy(e => e.ClientRecordId).Select(g => new { g.Key, Id = g.Max(e => e.Id) }).ToDictionaryAsync(x => x.Key, x => x.Id, cancel);
        Register = rows.Select(r => new GroupAttendance(r.Date, r.Name, r.Relationship, episodes.GetValueOrDefault(r.ClientRecordId))).ToList();
        await access.ListedAsync("carers-group", Register.Count + Requests.Count, cancel);
    }
}
