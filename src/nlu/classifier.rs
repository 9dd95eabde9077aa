//! A multinomial logistic-regression classifier over hashed features, trained at start-up.
//!
//! Pure Rust and deterministic: a fixed-seed shuffle, plain SGD with a decaying step, and
//! a softmax temperature fitted on a held-out fifth of the examples so that the reported
//! probability means roughly what it says.

use super::features::{BUCKETS, Features};

const UNSEEN: u32 = u32::MAX;

/// Training settings.
#[derive(Debug, Clone, Copy)]
pub struct TrainOptions {
    pub epochs: usize,
    pub learning_rate: f32,
    /// Fit the softmax temperature on held-out examples (costs one extra training run).
    pub calibrate: bool,
    /// Share of every weight taken away at the start of each epoch (0 = none).
    pub weight_decay: f32,
}

impl Default for TrainOptions {
    fn default() -> Self {
        TrainOptions {
            epochs: 20,
            learning_rate: 4.0,
            calibrate: true,
            weight_decay: 0.03,
        }
    }
}

/// A trained classifier: weights only for buckets seen in training.
#[derive(Debug, Clone)]
pub struct Classifier {
    /// Bucket → weight row, or [`UNSEEN`].
    index: Vec<u32>,
    weights: Vec<f32>,
    bias: Vec<f32>,
    classes: usize,
    temperature: f32,
}

impl Classifier {
    /// Trains on (features, class) pairs; classes are `0..classes`.
    pub fn train(samples: &[(Features, usize)], classes: usize, opts: TrainOptions) -> Self {
        if !(opts.calibrate && samples.len() >= 20) {
            return Self::fit(samples, classes, opts);
        }
        let (train, held): (Vec<_>, Vec<_>) =
            samples.iter().enumerate().partition(|(i, _)| i % 5 != 2);
        let train: Vec<(Features, usize)> = train.into_iter().map(|(_, s)| s.clone()).collect();
        // The probe that calibrates and the model itself are independent fits: run them
        // side by side (start-up time is mostly training).
        let (mut model, probe) = std::thread::scope(|s| {
            let probe = s.spawn(|| Self::fit(&train, classes, opts));
            let model = Self::fit(samples, classes, opts);
            let probe = probe
                .join()
                .unwrap_or_else(|p| std::panic::resume_unwind(p));
            (model, probe)
        });
        model.temperature = probe.fit_temperature(held.iter().map(|(_, s)| *s));
        model
    }

    fn fit(samples: &[(Features, usize)], classes: usize, opts: TrainOptions) -> Self {
        let mut index = vec![UNSEEN; BUCKETS];
        let mut rows = 0u32;
        for (f, _) in samples {
            for &(b, _) in f {
                let slot = &mut index[b as usize];
                if *slot == UNSEEN {
                    *slot = rows;
                    rows += 1;
                }
            }
        }
        let mut m = Classifier {
            index,
            weights: vec![0.0; rows as usize * classes],
            bias: vec![0.0; classes],
            classes,
            temperature: 1.0,
        };
        let mut order: Vec<usize> = (0..samples.len()).collect();
        let mut rng = 0x9e37_79b9_7f4a_7c15u64;
        let mut probs = vec![0.0f32; classes];
        let mut t = 0usize;
        for _ in 0..opts.epochs {
            // Shrinking every weight a little each epoch (L2-style) keeps the model from
            // leaning on rare words: a weight must keep earning its size.
            if opts.weight_decay > 0.0 {
                let keep = 1.0 - opts.weight_decay;
                m.weights.iter_mut().for_each(|w| *w *= keep);
            }
            for i in (1..order.len()).rev() {
                rng ^= rng << 13;
                rng ^= rng >> 7;
                rng ^= rng << 17;
                order.swap(i, (rng % (i as u64 + 1)) as usize);
            }
            for &k in &order {
                let (f, y) = &samples[k];
                let lr = opts.learning_rate / (1.0 + t as f32 / samples.len().max(1) as f32);
                t += 1;
                m.raw_logits(f, &mut probs);
                softmax(&mut probs, 1.0);
                for (c, pc) in probs.iter().enumerate() {
                    let g = pc - if c == *y { 1.0 } else { 0.0 };
                    // Classes the model already gets right carry no signal: skip them.
                    if g.abs() < 1e-3 {
                        continue;
                    }
                    m.bias[c] -= lr * g * 0.1;
                    for &(b, v) in f {
                        let row = m.index[b as usize] as usize;
                        m.weights[row * classes + c] -= lr * g * v;
                    }
                }
            }
        }
        m
    }

    /// Grid search for the temperature with the lowest log-loss on held-out examples.
    fn fit_temperature<'a>(&self, held: impl Iterator<Item = &'a (Features, usize)>) -> f32 {
        let held: Vec<&(Features, usize)> = held.collect();
        let mut best = (f32::INFINITY, 1.0);
        let mut buf = vec![0.0f32; self.classes];
        for step in 2..=40 {
            let temp = step as f32 * 0.1;
            let mut loss = 0.0f32;
            for (f, y) in &held {
                self.raw_logits(f, &mut buf);
                softmax(&mut buf, temp);
                loss -= buf[*y].max(1e-9).ln();
            }
            if loss < best.0 {
                best = (loss, temp);
            }
        }
        best.1
    }

    fn raw_logits(&self, f: &Features, out: &mut [f32]) {
        out.copy_from_slice(&self.bias);
        for &(b, v) in f {
            let row = self.index[b as usize];
            if row == UNSEEN {
                continue;
            }
            let w = &self.weights[row as usize * self.classes..][..self.classes];
            for (o, wi) in out.iter_mut().zip(w) {
                *o += wi * v;
            }
        }
    }

    /// Calibrated class probabilities; `log_boost[c]` is added to class `c`'s score first.
    pub fn probabilities(&self, f: &Features, log_boost: &[f32]) -> Vec<f32> {
        let mut out = vec![0.0f32; self.classes];
        self.raw_logits(f, &mut out);
        for (o, b) in out.iter_mut().zip(log_boost) {
            *o += b * self.temperature;
        }
        softmax(&mut out, self.temperature);
        out
    }

    /// The fitted softmax temperature (1.0 when not calibrated).
    pub fn temperature(&self) -> f32 {
        self.temperature
    }

    /// Number of buckets seen in training.
    pub fn feature_count(&self) -> usize {
        self.weights.len() / self.classes.max(1)
    }
}

fn softmax(v: &mut [f32], temperature: f32) {
    let max = v.iter().copied().fold(f32::NEG_INFINITY, f32::max);
    let mut sum = 0.0;
    for x in v.iter_mut() {
        *x = ((*x - max) / temperature).exp();
        sum += *x;
    }
    for x in v.iter_mut() {
        *x /= sum;
    }
}

#[cfg(test)]
mod tests {
    use super::super::features::extract;
    use super::*;

    #[test]
    fn learns_a_toy_problem() {
        let data = [
            ("pay my bill", 0),
            ("i want to pay", 0),
            ("pay the balance now", 0),
            ("what is the weather", 1),
            ("weather tomorrow", 1),
            ("is it raining", 1),
        ];
        let samples: Vec<_> = data.iter().map(|(t, c)| (extract(t), *c)).collect();
        let m = Classifier::train(&samples, 2, TrainOptions::default());
        let p = m.probabilities(&extract("pay it"), &[0.0, 0.0]);
        assert!(p[0] > p[1], "{p:?}");
        let p = m.probabilities(&extract("weather today"), &[0.0, 0.0]);
        assert!(p[1] > p[0], "{p:?}");
    }
}
