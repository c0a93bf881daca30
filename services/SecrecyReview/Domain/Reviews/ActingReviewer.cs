namespace Ogi.SecrecyReview.Domain.Reviews;

/// <summary>
/// The person doing a reviewer's act, with the one fact about them a rule needs: whether they belong to the general
/// office (办公室/综合科), which alone reviews a jointly produced item (SR-8). The caller's token says so.
/// </summary>
public readonly record struct ActingReviewer(string Id, bool InGeneralOffice);
