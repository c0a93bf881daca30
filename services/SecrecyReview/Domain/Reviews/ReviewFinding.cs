using Ogi.SecrecyReview.Domain.Findings;

namespace Ogi.SecrecyReview.Domain.Reviews;

/// <summary>An automatic finding inside a review, numbered from 1 in text order, with the reviewer's resolution (SR-7).</summary>
public sealed class ReviewFinding(int number, Finding finding)
{
    public int Number { get; } = number;

    public Finding Finding { get; } = finding;

    public FindingResolution? Resolution { get; internal set; }
}
