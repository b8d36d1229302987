-- Q10: How has reported bilateral trade (actual and targeted) moved over time?
select as_of, qualifier, qualifier = 'target' as is_target, value, unit, source_count
from analytics.reported_figures
where metric = 'bilateral-trade'
order by as_of, is_target;
