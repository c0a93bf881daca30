using Ogi.BuildingBlocks.Hosting;
using Ogi.SecrecyReview;
using Ogi.SecrecyReview.Persistence;

return await OgiHost.RunAsync<SecrecyReviewDbContext>(args, ServiceIdentity.SecrecyReview, SecrecyReviewHost.Configure, SecrecyReviewHost.Map);
