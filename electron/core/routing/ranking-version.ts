// The version of the ranking's rules — competences, gazetteer, morphology, weights: everything that changes what
// suggestTargets returns for the same learned model. The worker rescores a stored suggestion by model revision only,
// so without this a desk upgraded to a build that ranks differently kept showing the old ranking on its waiting
// appeals until ~2 % more decisions were learned (schema migrations 012 and 013 dropped them by hand). Bump it with
// every such change: tests/unit/routing/ranking-version.test.ts fails until the fingerprint it records is renewed.
export const RANKING_VERSION = 22;
