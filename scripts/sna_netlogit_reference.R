#!/usr/bin/env Rscript
# Reference values for Weft's logistic MR-QAP (`weft qap --binary`), computed once with sna's
# netlogit and committed as Tests/WeftAnalysisTests/Fixtures/directed/netlogit.json. The Swift
# tests never call R.
#
#   apt-get install -y r-base-core r-cran-sna r-cran-network    (Debian: sna 2.7-1)
#   Rscript scripts/sna_netlogit_reference.R
#
# The network is the `directed` fixture (members.csv, interactions.csv): Y[i, j] = 1 when i sent
# j at least one record. Members are taken in members.csv order. Predictors:
#   reciprocation   t(Y)                            (j -> i)
#   shared_out      Y %*% t(Y)                      (out-neighbours in common)
#   difference      |v_i - v_j|                     (numeric difference)
#   sender          v_i                             (sender effect)
#   receiver        v_j                             (receiver effect)
# with v = (k * 7) %% 11 for member id n<k> (a numeric attribute both sides can rebuild).
# netlogit(..., mode = "digraph", diag = FALSE, nullhyp = "qapspp", test.statistic = "z-value"):
# coefficients, standard errors and z-values are deterministic and are compared exactly
# (1e-6 relative: glm's IRLS stops at a deviance change below 1e-8); the permutation p-values
# come from R's own random stream (set.seed below), so Weft's, drawn from its own generator,
# agree only within Monte Carlo error: with P = 2000 permutations the standard error of a p-value
# p is sqrt(p (1 - p) / P) <= 0.0112, and the test allows 0.045 (four standard errors).
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
v <- (as.integer(sub("^n", "", ids)) * 7) %% 11
X <- list(reciprocation = t(Y), shared_out = Y %*% t(Y), difference = abs(outer(v, v, "-")),
          sender = matrix(v, n, n), receiver = matrix(v, n, n, byrow = TRUE))
reps <- 2000
set.seed(42)
fit <- netlogit(Y, X, intercept = TRUE, mode = "digraph", diag = FALSE, nullhyp = "qapspp",
                test.statistic = "z-value", reps = reps)
num <- function(x) sprintf("%.17g", x)
arr <- function(x) paste0("[", paste(num(x), collapse = ", "), "]")
json <- paste0("{\n",
  "  \"generator\": \"sna ", as.character(packageVersion("sna")), " netlogit (R ", getRversion(), ")\",\n",
  "  \"predictors\": [", paste0("\"", names(X), "\"", collapse = ", "), "],\n",
  "  \"permutations\": ", reps, ",\n",
  "  \"observations\": ", n * (n - 1), ",\n",
  "  \"ties\": ", sum(Y), ",\n",
  "  \"coefficients\": ", arr(fit$coefficients), ",\n",
  "  \"standard_errors\": ", arr(fit$se), ",\n",
  "  \"z\": ", arr(fit$coefficients / fit$se), ",\n",
  "  \"p_greater_or_equal\": ", arr(fit$pgreq), ",\n",
  "  \"p_less_or_equal\": ", arr(fit$pleeq), ",\n",
  "  \"p_absolute\": ", arr(fit$pgreqabs), ",\n",
  "  \"deviance\": ", num(fit$deviance), ",\n",
  "  \"null_deviance\": ", num(fit$null.deviance), ",\n",
  "  \"aic\": ", num(fit$aic), ",\n",
  "  \"bic\": ", num(fit$bic), "\n",
  "}\n")
writeLines(json, file.path(here, "netlogit.json"), sep = "")
cat(json)
