#!/usr/bin/env Rscript
# Reference values for Weft's CUG tests (NetworkInference.swift; report.json `survey.inference`),
# computed once with sna's cug.test and committed as
# Tests/WeftAnalysisTests/Fixtures/directed/cug.json. The Swift tests never call R.
#
#   apt-get install -y r-base-core r-cran-sna r-cran-network    (Debian: sna 2.7-1)
#   Rscript scripts/sna_cug_reference.R
#
# The network is the `directed` fixture (members.csv, interactions.csv): Y[i, j] = 1 when i sent
# j at least one record; members in members.csv order; group of member n<k> = k %% 3.
# cug.test(Y, FUN, mode = "digraph", cmode = "edges", reps = 2000) for each figure:
#   density        gden(Y)
#   reciprocity    grecip(Y, measure = "edgewise")
#   transitivity   gtrans(symmetrize(Y), mode = "graph")   (the undirected view)
#   ei_index       (E - I) / (E + I) over the directed ties
#   assortativity  Newman's r on the undirected view (written out below)
#   modularity     of the group partition on the undirected view (written out below)
# Observed values are deterministic and compared exactly (1e-12); under cmode "edges" every draw
# has the observed density, so density's null mean equals it and both p-values are 1. The other
# p-values come from R's random stream (set.seed below): Weft's, from its own generator, agree
# within Monte Carlo error, sqrt(p (1 - p) (1/K_weft + 1/2000)) per p-value; the test allows
# four of those.
suppressMessages(library(sna))
here <- file.path("Tests", "WeftAnalysisTests", "Fixtures", "directed")
members <- read.csv(file.path(here, "members.csv"), colClasses = "character")
records <- read.csv(file.path(here, "interactions.csv"), colClasses = "character")
ids <- members$id
n <- length(ids)
Y <- matrix(0, n, n)
for (k in seq_len(nrow(records))) {
  i <- match(records$source[k], ids); j <- match(records$target[k], ids)
  if (i != j) Y[i, j] <- 1
}
grp <- as.integer(sub("^n", "", ids)) %% 3
mixing <- function(x) {   # symmetric mixing matrix e of the undirected view's edges
  x <- as.sociomatrix.sna(x); u <- (x + t(x)) > 0; diag(u) <- FALSE
  e <- matrix(0, 3, 3); idx <- which(u & upper.tri(u), arr.ind = TRUE)
  for (r in seq_len(nrow(idx))) {
    a <- grp[idx[r, 1]] + 1; b <- grp[idx[r, 2]] + 1
    e[a, b] <- e[a, b] + 1; e[b, a] <- e[b, a] + 1
  }
  e / sum(e)
}
figures <- list(
  density = function(x) gden(x, mode = "digraph"),
  reciprocity = function(x) grecip(x, measure = "edgewise"),
  transitivity = function(x) gtrans(symmetrize(as.sociomatrix.sna(x)), mode = "graph"),
  ei_index = function(x) {
    x <- as.sociomatrix.sna(x); same <- outer(grp, grp, "==")
    (sum(x[!same]) - sum(x[same])) / sum(x)
  },
  assortativity = function(x) { e <- mixing(x); a <- rowSums(e); (sum(diag(e)) - sum(a^2)) / (1 - sum(a^2)) },
  modularity = function(x) { e <- mixing(x); a <- rowSums(e); sum(diag(e)) - sum(a^2) }
)
reps <- 2000
set.seed(42)
num <- function(x) sprintf("%.17g", x)
rows <- sapply(names(figures), function(name) {
  t <- cug.test(Y, figures[[name]], mode = "digraph", cmode = "edges", reps = reps)
  paste0("    {\"figure\": \"", name, "\", \"observed\": ", num(t$obs.stat),
         ", \"null_mean\": ", num(mean(t$rep.stat)), ", \"null_sd\": ", num(sd(t$rep.stat)),
         ", \"p_greater_or_equal\": ", num(t$pgteobs), ", \"p_less_or_equal\": ", num(t$plteobs), "}")
})
json <- paste0("{\n",
  "  \"generator\": \"sna ", as.character(packageVersion("sna")), " cug.test (R ", getRversion(), ")\",\n",
  "  \"reps\": ", reps, ",\n",
  "  \"members\": ", n, ",\n",
  "  \"ties\": ", sum(Y), ",\n",
  "  \"figures\": [\n", paste(rows, collapse = ",\n"), "\n  ]\n",
  "}\n")
writeLines(json, file.path(here, "cug.json"), sep = "")
