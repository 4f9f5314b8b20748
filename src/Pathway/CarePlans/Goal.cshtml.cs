using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Pathway.Access;
using Pathway.Casework;
using Pathway.Data;

namespace Pathway.CarePlans;

/// <summary>Adds a recovery goal, or changes one's wording and status.</summary>
public class GoalModel(PathwayDb db, RecordAccess access) : CaseFormModel(db)
{
    [BindProperty(SupportsGet = true)] public int? GoalId { get; set; }
    [BindProperty] public string? Description { get; set; }
    [BindProperty] public GoalStatus? Status { get; set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancel)
    {
        if (!await LoadAsync(cancel)) return NotFound();
        if (GoalId is { } goalId)
        {
            var goal = await Db.RecoveryGoals.SingleOrDefaultAsync(g => g.Id == goalId && g.EpisodeId == Id, cancel);
            if (goal is null) return NotFound();
            (Description, Status) = (goal.Description, goal.Status);
        }
        else Status = GoalStatus.NotStarted;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancel)
    {
        if (!await LoadAsync(cancel, keepPostedVersion: true)) return NotFound();
        return await ActAsync(mode => CarePlanning.SaveGoalAsync(Db, access, Worker, Id, Version, new GoalInput(GoalId, Description, Status), cancel, mode),
            cancel);
    }
}
