using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Pathway.Casework;
using Pathway.Data;

namespace Pathway.CarePlans;

/// <summary>Adds a recovery goal, or changes one's wording and status.</summary>
public class GoalModel(PathwayDb db) : CaseFormModel(db)
{
    [BindProperty(SupportsGet = true)] public int? GoalId { get; set; }
    [BindProperty, Required(ErrorMessage = "Enter the goal"), StringLength(500, ErrorMessage = "The goal must be 500 characters or fewer")]
    public string? Description { get; set; }
    [BindProperty, Required(ErrorMessage = "Select the goal's status")] public GoalStatus? Status { get; set; }

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
        if (!ModelState.IsValid) return Page();
        if (GoalId is { } goalId)
        {
            var goal = await Db.RecoveryGoals.SingleOrDefaultAsync(g => g.Id == goalId && g.EpisodeId == Id, cancel);
            if (goal is null) return NotFound();
            goal.Description = Description!.Trim();
            goal.Status = Status!.Value;
        }
        else Db.RecoveryGoals.Add(new RecoveryGoal { Episode = Episode, Description = Description!.Trim(), Status = Status!.Value, SetOn = Today });
        return await SaveAsync(cancel);
    }
}
